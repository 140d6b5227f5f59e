namespace IndicatorExchange.Indicator.Storage;

/// <summary>One row of figure_revisions. Decimal columns hold canonical decimal text.</summary>
public sealed record StoredFigure
{
    public long Sequence { get; init; }
    public string OrgUnit { get; init; } = "";
    public string Period { get; init; } = "";
    public string Indicator { get; init; } = "";
    public long Revision { get; init; }
    public string Value { get; init; } = "";
    public string Unit { get; init; } = "";
    public string SentValue { get; init; } = "";
    public string SentUnit { get; init; } = "";
    public string? YoyGrowthPct { get; init; }
    public int Status { get; init; }
    public string Note { get; init; } = "";
    public string SubmittedBy { get; init; } = "";
    public string RequestId { get; init; } = "";
    public string ReceivedAt { get; init; } = "";
    public long? ReplacesSequence { get; init; }
    public string Warnings { get; init; } = "[]";

    public IReadOnlyList<FigureWarning> ReadWarnings() => FigureWarning.Deserialize(Warnings);

    /// <summary>Whether the revision carries a warning nobody has confirmed yet.</summary>
    public bool HasOpenWarnings => ReadWarnings().Any(w => !w.Confirmed);
}
