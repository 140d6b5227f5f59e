using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Tests.Support;

/// <summary>A small catalog: a year-to-date flow, a stock, a population and a per-capita mean weighted by it.</summary>
public static class TestCatalog
{
    /// <summary>Retail sales: a year-to-date flow, summed.</summary>
    public const string Flow = "RETAIL_SALES";

    /// <summary>Livestock on hand: an end-of-period stock, summed at the same period end.</summary>
    public const string Stock = "LIVESTOCK_ON_HAND";

    /// <summary>Resident population: the weight of the per-capita indicator.</summary>
    public const string Population = "POPULATION";

    /// <summary>Per-capita disposable income: a year-to-date mean weighted by population.</summary>
    public const string PerCapita = "DISPOSABLE_INCOME_PER_CAPITA";

    public static readonly IReadOnlyList<IndicatorDefinition> Indicators =
    [
        new(Flow, "社会消费品零售总额", "Retail sales of consumer goods", "万元", Accumulation.YearToDate, AggregationRule.Sum, null, 1, "flow"),
        new(Stock, "牲畜存栏", "Livestock on hand", "头", Accumulation.Stock, AggregationRule.Sum, null, 0, "stock"),
        new(Population, "常住人口", "Resident population", "人", Accumulation.Stock, AggregationRule.Sum, null, 0, "weight"),
        new(PerCapita, "居民人均可支配收入", "Per-capita disposable income", "元", Accumulation.YearToDate, AggregationRule.WeightedMean, Population, 0,
            "population-weighted mean"),
    ];

    public static IReadOnlyDictionary<string, IndicatorDefinition> ByCode { get; } = Indicators.ToDictionary(i => i.Code);

    /// <summary>Deadlines of 2019–2025: the 15th day after the period's end, midnight UTC.</summary>
    public static IReadOnlyDictionary<string, DateTimeOffset> Deadlines { get; } = BuildDeadlines();

    public static DateTimeOffset DeadlineOf(string period) => Deadlines[period];

    public static PeriodIndicator PairOf(string period, string indicator) => new(Domain.Periods.Period.Parse(period), indicator);

    public static CatalogSnapshot Snapshot(OrgUnitTree tree) =>
        new(Indicators, tree, Deadlines, DateTimeOffset.UnixEpoch);

    private static Dictionary<string, DateTimeOffset> BuildDeadlines()
    {
        var deadlines = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        for (var year = 2019; year <= 2025; year++)
        {
            var periods = new List<Period> { new(year, PeriodKind.Annual, 0) };
            periods.AddRange(Enumerable.Range(1, 4).Select(q => new Period(year, PeriodKind.Quarterly, q)));
            periods.AddRange(Enumerable.Range(1, 12).Select(m => new Period(year, PeriodKind.Monthly, m)));
            foreach (var period in periods)
            {
                var end = period.End.AddDays(15);
                deadlines[period.ToString()] = new DateTimeOffset(end.Year, end.Month, end.Day, 0, 0, 0, TimeSpan.Zero);
            }
        }
        return deadlines;
    }
}

/// <summary>A catalog that changes only when a test says so: the aggregator's view of the indicator service, without gRPC.</summary>
public sealed class FixedCatalogSource(CatalogSnapshot snapshot) : ICatalogSource
{
    /// <summary>What the next read answers (an edit of the catalog, the tree or a deadline).</summary>
    public CatalogSnapshot Snapshot { get; set; } = snapshot;

    public int ForcedRefreshes { get; private set; }

    public Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken, bool forceRefresh = false)
    {
        if (forceRefresh)
        {
            ForcedRefreshes++;
        }
        return Task.FromResult(Snapshot);
    }
}
