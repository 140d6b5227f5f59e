namespace IndicatorExchange.Domain.Targets;

/// <summary>What an annual target (预期目标) asks of an indicator (domain.md §6).</summary>
public enum TargetKind
{
    /// <summary>Year-on-year growth of at least the threshold, in percent (GDP growth ≥ 8%).</summary>
    GrowthAtLeast,
    /// <summary>A value of at least the threshold, in the indicator's canonical unit (tourists ≥ 1248 万人次).</summary>
    ValueAtLeast,
    /// <summary>A value of at most the threshold, in the indicator's canonical unit (a ceiling on a cumulative value).</summary>
    ValueAtMost,
    /// <summary>A rate of at least the threshold, in percent (compulsory-education retention ≥ 99.8%).</summary>
    RateAtLeast,
    /// <summary>A rate of at most the threshold, in percent (surveyed urban unemployment ≤ 5.5%).</summary>
    RateAtMost,
}
