namespace IndicatorExchange.Domain.Rollup;

/// <summary>The figures of a summary's periods, looked up by org unit, period and indicator.</summary>
public sealed class FigureIndex : IFigureLookup
{
    private readonly Dictionary<FigureKey, LeafFigure> _figures;

    public static readonly FigureIndex Empty = new([]);

    public FigureIndex(IEnumerable<KeyValuePair<FigureKey, LeafFigure>> figures)
    {
        _figures = [];
        foreach (var (key, figure) in figures)
        {
            _figures[key] = figure;
        }
    }

    public IEnumerable<KeyValuePair<FigureKey, LeafFigure>> All => _figures;

    public LeafFigure? Find(FigureKey key) => _figures.TryGetValue(key, out var figure) ? figure : null;
}
