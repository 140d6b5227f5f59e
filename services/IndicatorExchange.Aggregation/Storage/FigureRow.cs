namespace IndicatorExchange.Aggregation.Storage;

/// <summary>A figure as the aggregator keeps it: the newest revision, in the canonical unit.</summary>
public sealed record FigureRow
{
    public string OrgUnit { get; init; } = "";
    public string Indicator { get; init; } = "";
    public string Period { get; init; } = "";
    public string Value { get; init; } = "";
    public string? YoyGrowthPct { get; init; }
    public int Status { get; init; }
    public long Revision { get; init; }
    public long Sequence { get; init; }
    public string ReceivedAt { get; init; } = "";

    /// <summary>When revision 1 arrived: decides whether the figure was on time.</summary>
    public string? FirstReceivedAt { get; init; }

    /// <summary>Number of quality warnings of this revision that nobody confirmed.</summary>
    public int OpenWarnings { get; init; }
}
