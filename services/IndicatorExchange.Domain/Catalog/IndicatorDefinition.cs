namespace IndicatorExchange.Domain.Catalog;

/// <summary>How an indicator's values relate to time.</summary>
public enum Accumulation
{
    /// <summary>Year-to-date cumulative (累计): Q3 covers January to September.</summary>
    YearToDate,
    /// <summary>The period alone.</summary>
    Period,
    /// <summary>End-of-period stock (存栏, loans): never summed over time.</summary>
    Stock,
}

/// <summary>How an indicator rolls up from children to their parent.</summary>
public enum AggregationRule
{
    Sum,
    /// <summary>Mean weighted by another indicator (per-capita income by population).</summary>
    WeightedMean,
    /// <summary>A rate weighted by its denominator indicator; per child only when that is unknown.</summary>
    Rate,
    /// <summary>Shown per child only.</summary>
    None,
}

/// <summary>An indicator of the catalog: what a figure means, its canonical unit and how it rolls up.</summary>
public sealed record IndicatorDefinition(
    string Code,
    string NameZh,
    string NameEn,
    string Unit,
    Accumulation Accumulation,
    AggregationRule Aggregation,
    string? WeightIndicator,
    int DisplayPrecision,
    string Description);
