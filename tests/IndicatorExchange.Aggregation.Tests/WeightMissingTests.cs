using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Contracts.Aggregation.V1;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>
/// A per-capita mean whose weights are missing below a node has no total at that node and at every node above it, and
/// every such row says WEIGHT_MISSING (not NO_DATA: something below it reported).
/// </summary>
public sealed class WeightMissingTests
{
    // One region, two prefectures of two counties each.
    private static readonly GeneratedTree Tree = GeneratedTree.Build(1, _ => 2, _ => 2);
    private const string Region = "110000";
    private const string WithoutWeights = "110100";
    private const string Weighted = "110200";
    private const string Period = "2023Q2";
    private static readonly DateTimeOffset Received = new(2023, 7, 10, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_county_reporting_income_without_population_makes_every_row_above_it_weight_missing()
    {
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(Tree.Tree);
        await aggregator.ApplyAsync([feed.Next("110101", PerCapita, Period, 21000m, Received)]);

        foreach (var node in new[] { WithoutWeights, Region, GeneratedTree.Nation })
        {
            await AssertWeightMissingAsync(aggregator, node, reported: 1);
        }
        await aggregator.Engine.RecomputeAllAsync(CancellationToken.None);
        foreach (var node in new[] { WithoutWeights, Region, GeneratedTree.Nation })
        {
            await AssertWeightMissingAsync(aggregator, node, reported: 1);
        }
    }

    [Fact]
    public async Task A_region_whose_prefecture_lacks_weights_gives_no_mean_of_its_other_prefectures()
    {
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(Tree.Tree);
        await aggregator.ApplyAsync(
        [
            feed.Next("110101", PerCapita, Period, 21000m, Received),
            feed.Next("110201", PerCapita, Period, 30000m, Received),
            feed.Next("110201", Population, Period, 1000m, Received),
            feed.Next("110202", PerCapita, Period, 20000m, Received),
            feed.Next("110202", Population, Period, 3000m, Received),
        ]);

        var weighted = await aggregator.RowAsync(Weighted, Period, PerCapita);
        Assert.Equal(TotalMethod.WeightedMean, weighted.TotalMethod);
        Assert.Equal(22500m, weighted.Total.ToDecimal());
        // Over the counties directly there would be no mean (110101 has no weight): the region says the same.
        await AssertWeightMissingAsync(aggregator, Region, reported: 2);
        await AssertWeightMissingAsync(aggregator, GeneratedTree.Nation, reported: 1);
        await aggregator.Engine.RecomputeAllAsync(CancellationToken.None);
        await AssertWeightMissingAsync(aggregator, Region, reported: 2);
    }

    private static async Task AssertWeightMissingAsync(Aggregator aggregator, string node, int reported)
    {
        foreach (var row in new[]
                 {
                     await aggregator.RowAsync(node, Period, PerCapita),
                     await aggregator.RowAsync(node, Period, PerCapita, asOf: Received.AddDays(1)),
                 })
        {
            Assert.True(TotalMethod.WeightMissing == row.TotalMethod, $"{node}: {row}");
            Assert.Null(row.Total);
            Assert.Equal(reported, row.ReportedCount);
            Assert.True(row.Partial);
        }
    }
}
