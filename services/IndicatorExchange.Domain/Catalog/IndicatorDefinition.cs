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
    string Description)
{
    public static readonly IReadOnlyList<Periods.PeriodKind> DefaultPeriodicities = [Periods.PeriodKind.Annual, Periods.PeriodKind.Quarterly];

    /// <summary>The period lengths figures may be submitted for.</summary>
    public IReadOnlyList<Periods.PeriodKind> Periodicities { get; init; } = DefaultPeriodicities;

    /// <summary>Smallest allowed value in the canonical unit (0 for counts and amounts); null for none.</summary>
    public decimal? MinValue { get; init; }

    /// <summary>Largest allowed value in the canonical unit (100 for shares in %); null for none.</summary>
    public decimal? MaxValue { get; init; }

    /// <summary>Year-on-year change in percent beyond which a figure is flagged for confirmation; null for no check.</summary>
    public decimal? MaxYoyChangePct { get; init; }

    /// <summary>
    /// Change of a revision against the value it replaces, in percent either way, beyond which the revision is flagged for
    /// review (REVISION_CHANGE_TOO_LARGE); null for no check.
    /// </summary>
    public decimal? MaxRevisionChangePct { get; init; }

    /// <summary>Monthly figures start with January–February together (1-2月): there is no January figure.</summary>
    public bool JanFebCombined { get; init; }

    /// <summary>
    /// Position in the prefecture's report, 1 first (GDP); indicators are listed by it, then by code. 0 means not placed:
    /// the store puts such an indicator after every other one.
    /// </summary>
    public int ReportOrder { get; init; }
}
