namespace IndicatorExchange.Domain.Rollup;

/// <summary>Where the prior-year base of a growth rate came from.</summary>
public enum GrowthBasis
{
    /// <summary>The prior-year figure of the same period.</summary>
    PriorYearValue,
    /// <summary>Derived from the reported value and growth: value / (1 + g).</summary>
    ReportedGrowth,
    /// <summary>An aggregate whose children's bases came from both sources.</summary>
    Mixed,
    /// <summary>No prior-year figure and no reported growth.</summary>
    Unavailable,
}

/// <summary>How a total was obtained, or why there is none.</summary>
public enum TotalMethod
{
    Sum,
    WeightedMean,
    WeightMissing,
    NotAggregated,
    NoData,
}

/// <summary>
/// One reporting child, in the indicator's canonical unit.
/// <paramref name="GrowthPct"/> is the reported year-on-year growth in percent;
/// <paramref name="PriorYearValue"/> the child's figure for the same period a year earlier;
/// <paramref name="Weight"/> the weight indicator's value (population, a rate's denominator).
/// </summary>
public sealed record ChildInput(string OrgUnit, decimal Value, decimal? GrowthPct = null, decimal? PriorYearValue = null, decimal? Weight = null)
{
    /// <summary>
    /// For a child that is itself a roll-up: the exact sums behind its value, so that rolling it up again gives
    /// the same result as rolling up its leaves directly (no re-derived bases, no double rounding).
    /// </summary>
    public RolledUpSums? Sums { get; init; }

    /// <summary>
    /// For a child with a <see cref="Weight"/>: the <see cref="WeightPeriods"/> slot of the period its weight figure is of
    /// (0: the row's own period; otherwise a year-end figure it fell back to).
    /// </summary>
    public int WeightSlot { get; init; }
}

/// <summary>
/// The exact sums of a roll-up, carried to the next level: Σ base and Σ increase (its growth's weights) with the
/// basis they came from, and for a weighted mean Σ weight and Σ value × weight.
/// </summary>
public sealed record RolledUpSums(decimal? BaseSum, decimal? IncreaseSum, GrowthBasis Basis, decimal? WeightSum, decimal? WeightedSum, decimal? WeightedBaseSum)
{
    /// <summary>For a weighted mean: the <see cref="Rollup.WeightPeriods"/> slots whose weight figures it used, as a bit mask.</summary>
    public int WeightPeriods { get; init; }
}

/// <summary>One child's place in the roll-up.</summary>
public sealed record ChildResult(
    string OrgUnit,
    decimal Value,
    decimal? GrowthPct,
    GrowthBasis Basis,
    decimal? SharePct,
    decimal? PullPoints,
    decimal? ContributionPct,
    int RankByValue,
    int RankByGrowth)
{
    /// <summary>The <see cref="Rollup.WeightPeriods"/> slots of the weight figures behind this child's weight, as a bit mask; 0 without one.</summary>
    public int WeightPeriods { get; init; }
}

/// <summary>The roll-up of one indicator over a set of children. Children are ordered by value, highest first.</summary>
public sealed record RollupResult(
    decimal? Total,
    TotalMethod Method,
    decimal? GrowthPct,
    GrowthBasis GrowthBasis,
    IReadOnlyList<ChildResult> Children)
{
    /// <summary>The exact sums behind the total and growth, for rolling this result up again.</summary>
    public RolledUpSums? Sums { get; init; }
}
