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

/// <summary>
/// A leaf's current figure of a known period and indicator, with only what an evaluation needs: a recomputation reads
/// every figure, and each column read costs. <see cref="FirstReceivedAt"/> is when revision 1 arrived. A class, not a
/// struct: a list of a national pair's leaves as structs is a large-object allocation, and a collection of every generation.
/// </summary>
public readonly record struct StoredLeaf(string OrgUnit, Summaries.LeafFigure Figure);
