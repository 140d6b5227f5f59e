using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Contracts.Aggregation.V1;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>Year-on-year growth of summed totals (domain.md §5): each county's growth weighted by its prior-year base.</summary>
public sealed class GrowthRollupTests
{
    /// <summary>One region with two prefectures of one county each: 110101 under 110100, 110201 under 110200.</summary>
    private static readonly GeneratedTree Tree = GeneratedTree.Build(1, _ => 2, _ => 1);
    private static readonly DateTimeOffset Received = new(2023, 1, 10, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Growth_over_counties_is_weighted_by_their_bases_not_the_mean_of_their_rates()
    {
        // The seeds' GDP: 348.2 亿元 +0.6% and 133.61 亿元 +3% give 481.81 and +1.25%, not +1.8%.
        var tree = GeneratedTree.Build(1, _ => 1, _ => 2);
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(tree.Tree);
        await aggregator.ApplyAsync([
            feed.Next("110101", Flow, "2022", 348.2m, Received, growthPct: 0.6m),
            feed.Next("110102", Flow, "2022", 133.61m, Received, growthPct: 3m),
        ]);

        var row = await aggregator.RowAsync("110100", "2022", Flow);

        Assert.Equal(481.81m, row.Total.ToDecimal());
        Assert.Equal(1.25m, Math.Round(row.GrowthPct.ToDecimal(), 2));
        Assert.Equal(GrowthBasis.ReportedGrowth, row.GrowthBasis);
    }

    [Fact]
    public async Task A_countys_prior_year_figure_is_its_base_and_its_reported_growth_is_kept()
    {
        var tree = GeneratedTree.Build(1, _ => 1, _ => 2);
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(tree.Tree);
        await aggregator.ApplyAsync([
            feed.Next("110101", Flow, "2022", 100m, Received),
            feed.Next("110101", Flow, "2023", 110m, Received, growthPct: 5m), // real growth beside a 10% nominal rise
            feed.Next("110102", Flow, "2023", 204m, Received, growthPct: 2m), // base 200, derived
        ]);

        var row = await aggregator.RowAsync("110100", "2023", Flow);

        // (100 × 5 + 200 × 2) / 300 = 3
        Assert.Equal(3m, row.GrowthPct.ToDecimal());
        Assert.Equal(GrowthBasis.Mixed, row.GrowthBasis);
        var first = row.Children.Single(c => c.OrgUnit == "110101");
        Assert.Equal((5m, GrowthBasis.PriorYearValue), (first.GrowthPct.ToDecimal(), first.GrowthBasis));
        Assert.Equal(5m / 3m, first.PullPoints.ToDecimal(), 9); // 100 × 5% / 300 × 100 points
    }

    [Fact]
    public async Task Growth_is_unavailable_when_one_reporting_county_has_neither_a_prior_year_figure_nor_a_reported_growth()
    {
        var tree = GeneratedTree.Build(1, _ => 1, _ => 2);
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(tree.Tree);
        await aggregator.ApplyAsync([
            feed.Next("110101", Flow, "2023", 110m, Received, growthPct: 5m),
            feed.Next("110102", Flow, "2023", 204m, Received),
        ]);

        var row = await aggregator.RowAsync("110100", "2023", Flow);

        Assert.Equal(314m, row.Total.ToDecimal());
        Assert.Null(row.GrowthPct);
        Assert.Equal(GrowthBasis.Unavailable, row.GrowthBasis);
    }

    [Fact]
    public async Task Growth_above_the_prefectures_from_reported_growth_alone_is_the_growth_over_all_counties()
    {
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(Tree.Tree);
        await aggregator.ApplyAsync([
            feed.Next("110101", Flow, "2023", 110m, Received, growthPct: 10m), // base 100
            feed.Next("110201", Flow, "2023", 306m, Received, growthPct: 2m),  // base 300
        ]);

        foreach (var node in new[] { "110000", GeneratedTree.Nation })
        {
            var row = await aggregator.RowAsync(node, "2023", Flow);
            // (100 × 10 + 300 × 2) / 400 = 4, up to the rounding of the prefectures' growth to 10 places
            Assert.Equal(4m, row.GrowthPct.ToDecimal(), 9);
            Assert.Equal(GrowthBasis.ReportedGrowth, row.GrowthBasis);
        }
    }

    [Fact]
    public async Task Growth_above_the_prefectures_weights_counties_by_their_prior_year_values_when_real_growth_is_reported()
    {
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(Tree.Tree);
        await aggregator.ApplyAsync([
            feed.Next("110101", Flow, "2022", 100m, Received),
            feed.Next("110201", Flow, "2022", 300m, Received),
            feed.Next("110101", Flow, "2023", 110m, Received, growthPct: 5m),
            feed.Next("110201", Flow, "2023", 330m, Received, growthPct: 2m),
        ]);

        Assert.Equal(2m, (await aggregator.RowAsync("110200", "2023", Flow)).GrowthPct.ToDecimal());
        foreach (var node in new[] { "110000", GeneratedTree.Nation })
        {
            var row = await aggregator.RowAsync(node, "2023", Flow);
            // (100 × 5 + 300 × 2) / 400 = 2.75, as over the two counties directly; the code gives 2.7337...
            Assert.Equal(2.75m, row.GrowthPct.ToDecimal());
            Assert.Equal(GrowthBasis.PriorYearValue, row.GrowthBasis);
        }
    }
}
