using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Contracts.Aggregation.V1;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>
/// A county without a population figure of the period is weighted by its year-end population of the same year, else of
/// the year before; the row says which weight periods it used; a later year-end figure updates the quarter's rows.
/// </summary>
public sealed class WeightFallbackTests
{
    // One region, one prefecture of two counties.
    private static readonly GeneratedTree Tree = GeneratedTree.Build(1, _ => 1, _ => 2);
    private const string Region = "110000";
    private const string Prefecture = "110100";
    private const string Quarter = "2023Q2";
    private static readonly DateTimeOffset Received = new(2023, 7, 10, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_quarter_without_population_is_weighted_by_the_year_end_population_and_says_so()
    {
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(Tree.Tree);
        await aggregator.ApplyAsync(
        [
            feed.Next("110101", PerCapita, Quarter, 20000m, Received),
            feed.Next("110101", Population, Quarter, 1000m, Received),
            feed.Next("110102", PerCapita, Quarter, 30000m, Received),
            feed.Next("110102", Population, "2022", 3000m, Received),
        ]);

        // (20000 × 1000 + 30000 × 3000) / 4000: 110102 weighted by its 2022 year-end population.
        foreach (var node in new[] { Prefecture, Region })
        {
            await AssertWeightedAsync(aggregator, node, 27500m, ["2023Q2", "2022"]);
        }
        var row = await aggregator.RowAsync(Prefecture, Quarter, PerCapita);
        Assert.Equal(["2022"], row.Children.Single(c => c.OrgUnit == "110102").WeightPeriods);
        Assert.Equal(["2023Q2"], row.Children.Single(c => c.OrgUnit == "110101").WeightPeriods);

        // A 2023 year-end figure is preferred to 2022's, and reaches the quarter's stored values above the prefecture.
        await aggregator.ApplyAsync([feed.Next("110102", Population, "2023", 1000m, Received.AddDays(1))]);
        foreach (var node in new[] { Prefecture, Region, GeneratedTree.Nation })
        {
            await AssertWeightedAsync(aggregator, node, 25000m, ["2023Q2", "2023"]);
        }
        var incremental = await aggregator.StoredRowsAsync([Region, GeneratedTree.Nation], [Quarter], [PerCapita]);
        await aggregator.Engine.RecomputeAllAsync(CancellationToken.None);
        var recomputed = await aggregator.StoredRowsAsync([Region, GeneratedTree.Nation], [Quarter], [PerCapita]);
        Assert.Equal(incremental, recomputed);

        // Its own Q2 population, once reported, wins over any year-end one.
        await aggregator.ApplyAsync([feed.Next("110102", Population, Quarter, 3000m, Received.AddDays(2))]);
        await AssertWeightedAsync(aggregator, Region, 27500m, ["2023Q2"]);
    }

    [Fact]
    public async Task The_annual_figure_is_preferred_to_q4_and_a_county_with_neither_leaves_the_weight_missing()
    {
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(Tree.Tree);
        await aggregator.ApplyAsync(
        [
            feed.Next("110101", PerCapita, Quarter, 20000m, Received),
            feed.Next("110101", Population, "2023Q4", 9000m, Received),
            feed.Next("110101", Population, "2023", 1000m, Received),
            feed.Next("110102", PerCapita, Quarter, 30000m, Received),
            feed.Next("110102", Population, "2021", 1000m, Received), // two years before: not a fallback
        ]);

        var row = await aggregator.RowAsync(Prefecture, Quarter, PerCapita);
        Assert.Equal(TotalMethod.WeightMissing, row.TotalMethod);
        Assert.Empty(row.WeightPeriods);
        Assert.Equal(["2023"], row.Children.Single(c => c.OrgUnit == "110101").WeightPeriods);
        Assert.Empty(row.Children.Single(c => c.OrgUnit == "110102").WeightPeriods);

        await aggregator.ApplyAsync([feed.Next("110102", Population, "2022Q4", 3000m, Received.AddDays(1))]);
        await AssertWeightedAsync(aggregator, Region, 27500m, ["2023", "2022Q4"]);
    }

    private static async Task AssertWeightedAsync(Aggregator aggregator, string node, decimal mean, string[] weightPeriods)
    {
        foreach (var row in new[]
                 {
                     await aggregator.RowAsync(node, Quarter, PerCapita),
                     await aggregator.RowAsync(node, Quarter, PerCapita, asOf: Received.AddDays(10)),
                     // The whole table as of a moment reads the fallback weights too.
                     (await aggregator.SummaryAsync(node, Quarter, asOf: Received.AddDays(10))).Rows.Single(r => r.Indicator == PerCapita),
                 })
        {
            Assert.True(TotalMethod.WeightedMean == row.TotalMethod, $"{node}: {row}");
            Assert.Equal(mean, row.Total.ToDecimal());
            Assert.Equal(weightPeriods, row.WeightPeriods);
        }
    }
}
