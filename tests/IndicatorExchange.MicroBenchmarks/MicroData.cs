using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.MicroBenchmarks;

/// <summary>
/// The shape of the benchmark program's quick data, for one prefecture: 9 counties under 654000 (under region 650000),
/// 50 summed indicators in 亿元, figures of 2025Q1 with the prior year's beside them.
/// </summary>
internal static class MicroData
{
    public const string Region = "650000";
    public const string Prefecture = "654000";
    public const string Period = "2025Q1";
    public const string PriorPeriod = "2024Q1";

    public static readonly IReadOnlyList<string> Counties = Enumerable.Range(1, 9).Select(i => $"6540{i:00}").ToList();

    public static readonly IReadOnlyList<IndicatorDefinition> Indicators = Enumerable.Range(0, 50)
        .Select(i => new IndicatorDefinition($"BENCH_{i:00}", $"指标{i}", $"Indicator {i}", "亿元", Accumulation.YearToDate, AggregationRule.Sum, null, 2, "")
        {
            MinValue = 0,
        })
        .ToList();

    public static readonly OrgUnitTree Tree = new(
        new[]
        {
            new OrgUnitDefinition(Region, "新疆", "Xinjiang", OrgUnitLevel.Province, null),
            new OrgUnitDefinition(Prefecture, "伊犁州", "Ili", OrgUnitLevel.Prefecture, Region),
        }.Concat(Counties.Select(c => new OrgUnitDefinition(c, $"县{c}", $"County {c}", OrgUnitLevel.County, Prefecture))));

    public static CatalogSnapshot Catalog { get; } = new(Indicators, Tree,
        new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal)
        {
            [Period] = new(2025, 4, 15, 16, 0, 0, TimeSpan.Zero),
            [PriorPeriod] = new(2024, 4, 15, 16, 0, 0, TimeSpan.Zero),
        },
        DateTimeOffset.UtcNow);

    /// <summary>Every county's figure of every indicator for the period and the prior year, as the aggregator stores them.</summary>
    public static List<FigureRow> Figures()
    {
        var rows = new List<FigureRow>();
        var sequence = 0L;
        foreach (var period in new[] { PriorPeriod, Period })
        {
            for (var c = 0; c < Counties.Count; c++)
            {
                for (var i = 0; i < Indicators.Count; i++)
                {
                    rows.Add(new FigureRow
                    {
                        OrgUnit = Counties[c],
                        Indicator = Indicators[i].Code,
                        Period = period,
                        Value = (100m + c * 7.31m + i * 0.17m + (period == Period ? 3.5m : 0m)).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        YoyGrowthPct = period == Period ? "3.5" : null,
                        Status = 2,
                        Revision = 1,
                        Sequence = ++sequence,
                        ReceivedAt = "2025-04-10T08:00:00.0000000+00:00",
                    });
                }
            }
        }
        return rows;
    }

    public static NodeEvaluator Evaluator() => new(Tree, Catalog.IndicatorsByCode, FigureRow.Index(Figures()), Catalog.Deadlines);
}

/// <summary>A catalog source that always answers the same snapshot (no indicator service behind it).</summary>
internal sealed class FixedCatalog(CatalogSnapshot snapshot) : ICatalogSource
{
    public Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken, bool forceRefresh = false) => Task.FromResult(snapshot);
}
