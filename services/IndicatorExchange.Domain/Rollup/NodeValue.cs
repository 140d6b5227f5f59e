namespace IndicatorExchange.Domain.Rollup;

/// <summary>An org unit's value for one indicator and period: reported (a leaf) or rolled up from its descendants.</summary>
public sealed record NodeValue(
    decimal Value,
    decimal? GrowthPct,
    decimal? PriorYearValue,
    int Status,
    bool Partial,
    DateTimeOffset? FirstReceivedAt,
    bool HasOpenWarnings,
    bool Late)
{
    /// <summary>For a rolled-up value: the exact sums behind it, so the next level rolls up the leaves themselves.</summary>
    public RolledUpSums? Sums { get; init; }
}

/// <summary>
/// The roll-up of one indicator over the children of a node. <see cref="Unaggregated"/> are children whose
/// own units reported but who have no value of their own (a mean without its weights): not missing, not added.
/// </summary>
public sealed record NodeRollup(
    RollupResult Result, IReadOnlyDictionary<string, NodeValue> Children, IReadOnlyList<string> Missing, IReadOnlyList<string> Unaggregated, int Expected)
{
    public bool Partial => Missing.Count > 0 || Unaggregated.Count > 0 || Children.Values.Any(c => c.Partial);

    public int ReportedCount => Children.Count + Unaggregated.Count;
}
