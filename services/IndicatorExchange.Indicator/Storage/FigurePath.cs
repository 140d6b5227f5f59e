namespace IndicatorExchange.Indicator.Storage;

/// <summary>
/// The field path of a figure in a request, e.g. "figures[3]" or "batches[2].figures[0]", kept as its parts and
/// spelled out only when a problem or warning names it: most figures have neither.
/// </summary>
/// <param name="Prefix">Path of the figure's group: "" for SubmitFigures, "batches[2]." in an upload.</param>
/// <param name="Position">Position of the figure in its group.</param>
internal readonly record struct FigurePath(string Prefix, int Position)
{
    public override string ToString() => $"{Prefix}figures[{Position}]";
}
