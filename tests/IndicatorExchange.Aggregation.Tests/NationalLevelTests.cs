using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Contracts.Aggregation.V1;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>
/// Level tests on the national shape (31 regions, 330 prefectures, 2,850 counties): every county reports once,
/// in batches through the rollup engine, and every level's summary must agree with the level below it.
/// </summary>
public sealed class NationalLevelTests
{
    private const string Period = "2023Q3";
    private const int BatchSize = 500;
    private static readonly GeneratedTree Nation = GeneratedTree.National();
    private static readonly DateTimeOffset Received = new(2023, 10, 8, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_generated_national_tree_has_31_regions_330_prefectures_and_2850_counties()
    {
        Assert.Equal(31, Nation.Regions.Count);
        Assert.Equal(330, Nation.Prefectures.Count);
        Assert.Equal(2850, Nation.Counties.Count);
        Assert.Equal(1 + 31 + 330 + 2850, Nation.Tree.Count);
        Assert.Equal(Nation.Counties.Count, Nation.Counties.Distinct().Count());
        Assert.All(Nation.Counties, county => Assert.True(Nation.Tree.IsLeaf(county)));
        Assert.Equal(Nation.Counties.Order(StringComparer.Ordinal), Nation.LeavesUnder(GeneratedTree.Nation).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Each_level_total_is_the_exact_sum_of_the_level_below_and_the_nation_the_sum_of_all_counties()
    {
        var random = new Random(20231008);
        var feed = new FigureFeed();
        var values = Nation.Counties.ToDictionary(c => c, _ => random.Next(1, 100_000_000) / 100m);
        await using var aggregator = Aggregator.Create(Nation.Tree);
        await aggregator.ApplyInBatchesAsync(Nation.Counties.Select(c => feed.Next(c, Flow, Period, values[c], Received)).ToList(), BatchSize);

        var nation = await aggregator.RowAsync(GeneratedTree.Nation, Period, Flow);
        AssertComplete(nation, 31);
        Assert.Equal(values.Values.Sum(), nation.Total.ToDecimal());
        Assert.Equal(Nation.Regions.Order(StringComparer.Ordinal), nation.Children.Select(c => c.OrgUnit).Order(StringComparer.Ordinal));
        Assert.Equal(nation.Total.ToDecimal(), nation.Children.Sum(c => c.Value.ToDecimal()));
        Assert.Equal(GrowthBasis.Unavailable, nation.GrowthBasis);
        Assert.Null(nation.GrowthPct);

        foreach (var regionFigure in nation.Children)
        {
            var region = await aggregator.RowAsync(regionFigure.OrgUnit, Period, Flow);
            AssertComplete(region, Nation.Tree.ChildrenOf(regionFigure.OrgUnit).Count);
            Assert.Equal(regionFigure.Value.ToDecimal(), region.Total.ToDecimal());
            Assert.Equal(region.Total.ToDecimal(), region.Children.Sum(c => c.Value.ToDecimal()));
            Assert.Equal(Nation.LeavesUnder(regionFigure.OrgUnit).Sum(c => values[c]), region.Total.ToDecimal());
            foreach (var prefectureFigure in region.Children)
            {
                var prefecture = await aggregator.RowAsync(prefectureFigure.OrgUnit, Period, Flow);
                AssertComplete(prefecture, Nation.Tree.ChildrenOf(prefectureFigure.OrgUnit).Count);
                Assert.Equal(prefectureFigure.Value.ToDecimal(), prefecture.Total.ToDecimal());
                Assert.Equal(Nation.LeavesUnder(prefectureFigure.OrgUnit).Sum(c => values[c]), prefecture.Total.ToDecimal());
                Assert.All(prefecture.Children, county => Assert.Equal(values[county.OrgUnit], county.Value.ToDecimal()));
            }
        }

        // The stored (incrementally maintained) row is the one a computation from the figures gives.
        Assert.Equal(nation, await aggregator.RowAsync(GeneratedTree.Nation, Period, Flow, asOf: Received.AddDays(1)));
    }

    [Fact]
    public async Task Per_capita_income_of_a_prefecture_is_the_population_weighted_mean_of_its_counties()
    {
        var (aggregator, oracle) = await LoadPerCapitaAsync(_ => true);
        await using var _ = aggregator;

        foreach (var prefecture in Nation.Prefectures)
        {
            var row = await aggregator.RowAsync(prefecture, Period, PerCapita);
            Assert.Equal(TotalMethod.WeightedMean, row.TotalMethod);
            Assert.False(row.Partial);
            Assert.Equal(oracle.WeightedMean(Nation.LeavesUnder(prefecture), PerCapita, Population, Period), row.Total.ToDecimal());
        }
        var population = await aggregator.RowAsync(GeneratedTree.Nation, Period, Population);
        Assert.Equal(Nation.Counties.Sum(c => oracle.Value(c, Population, Period)), population.Total.ToDecimal());
    }

    [Fact]
    public async Task Per_capita_income_of_regions_and_the_nation_is_the_population_weighted_mean_over_all_their_counties()
    {
        var (aggregator, oracle) = await LoadPerCapitaAsync(_ => true);
        await using var _ = aggregator;

        foreach (var node in Nation.Regions.Prepend(GeneratedTree.Nation))
        {
            var row = await aggregator.RowAsync(node, Period, PerCapita);
            Assert.Equal(TotalMethod.WeightedMean, row.TotalMethod);
            var expected = oracle.WeightedMean(Nation.LeavesUnder(node), PerCapita, Population, Period);
            Assert.True(Math.Abs(expected - row.Total.ToDecimal()) <= 0.0000000001m,
                $"{node}: expected {expected} (Σ v·w / Σ w over the counties), got {row.Total.Value}");
        }
    }

    [Fact]
    public async Task Per_capita_income_above_the_prefectures_weights_each_prefecture_by_the_population_of_the_counties_in_its_mean()
    {
        // Every county reports its population; every seventh leaves its income out.
        var silent = Nation.Counties.Where((_, i) => i % 7 == 3).ToHashSet();
        var (aggregator, oracle) = await LoadPerCapitaAsync(county => !silent.Contains(county));
        await using var _ = aggregator;

        foreach (var node in Nation.Regions.Prepend(GeneratedTree.Nation))
        {
            var row = await aggregator.RowAsync(node, Period, PerCapita);
            var expected = oracle.WeightedMean(oracle.ReportingLeaves(node, PerCapita, Period), PerCapita, Population, Period);
            Assert.True(row.Partial);
            Assert.True(Math.Abs(expected - row.Total.ToDecimal()) <= 0.0000000001m,
                $"{node}: expected {expected} (Σ v·w / Σ w over the counties with an income), got {row.Total.Value}");
        }
    }

    [Fact]
    public async Task Totals_with_counties_left_out_are_flagged_partial_at_every_level_and_name_the_missing_units()
    {
        var silentPrefecture = Nation.Prefectures[5];
        var silentRegion = Nation.Regions[^1];
        var scattered = Nation.Counties.Where((c, i) => i % 41 == 7).ToHashSet();
        var reporting = Nation.Counties
            .Where(c => !scattered.Contains(c) && Nation.ParentOf(c) != silentPrefecture && Nation.ParentOf(Nation.ParentOf(c)) != silentRegion)
            .ToList();
        var random = new Random(7);
        var feed = new FigureFeed();
        var values = reporting.ToDictionary(c => c, _ => random.Next(1, 10_000_000) / 1000m);
        await using var aggregator = Aggregator.Create(Nation.Tree);
        await aggregator.ApplyInBatchesAsync(reporting.Select(c => feed.Next(c, Flow, Period, values[c], Received)).ToList(), BatchSize);

        var nation = await aggregator.RowAsync(GeneratedTree.Nation, Period, Flow);
        Assert.True(nation.Partial);
        Assert.Equal([silentRegion], nation.MissingOrgUnits);
        Assert.Equal((31, 30), (nation.ExpectedCount, nation.ReportedCount));
        Assert.Equal(values.Values.Sum(), nation.Total.ToDecimal());

        foreach (var region in Nation.Regions.SkipLast(1))
        {
            var row = await aggregator.RowAsync(region, Period, Flow);
            var prefectures = Nation.Tree.ChildrenOf(region).Select(p => p.Code).ToList();
            var silent = prefectures.Where(p => !Nation.LeavesUnder(p).Any(values.ContainsKey)).ToList();
            var partial = Nation.LeavesUnder(region).Any(c => !values.ContainsKey(c));
            Assert.Equal(partial, row.Partial);
            Assert.Equal(partial, nation.Children.Single(c => c.OrgUnit == region).Partial);
            Assert.Equal(silent, row.MissingOrgUnits);
            Assert.Equal((prefectures.Count, prefectures.Count - silent.Count), (row.ExpectedCount, row.ReportedCount));
            Assert.Equal(Nation.LeavesUnder(region).Where(values.ContainsKey).Sum(c => values[c]), row.Total.ToDecimal());
            foreach (var child in row.Children)
            {
                var counties = Nation.LeavesUnder(child.OrgUnit).ToList();
                Assert.Equal(counties.Any(c => !values.ContainsKey(c)), child.Partial);
                var prefecture = await aggregator.RowAsync(child.OrgUnit, Period, Flow);
                Assert.Equal(child.Partial, prefecture.Partial);
                Assert.Equal(counties.Where(c => !values.ContainsKey(c)).Order(StringComparer.Ordinal), prefecture.MissingOrgUnits);
                Assert.Equal(counties.Count(values.ContainsKey), prefecture.ReportedCount);
                Assert.Equal(child.Value.ToDecimal(), prefecture.Total.ToDecimal());
            }
        }
        Assert.Contains(silentPrefecture, (await aggregator.RowAsync(Nation.ParentOf(silentPrefecture), Period, Flow)).MissingOrgUnits);

        // A unit below which nobody reported has no total, and says so.
        var silentRow = await aggregator.RowAsync(silentRegion, Period, Flow);
        Assert.Equal(TotalMethod.NoData, silentRow.TotalMethod);
        Assert.Null(silentRow.Total);
        Assert.Equal(0, silentRow.ReportedCount);
        Assert.Equal(Nation.Tree.ChildrenOf(silentRegion).Select(p => p.Code), silentRow.MissingOrgUnits);
    }

    private static void AssertComplete(SummaryRow row, int children)
    {
        Assert.Equal(TotalMethod.Sum, row.TotalMethod);
        Assert.False(row.Partial);
        Assert.Empty(row.MissingOrgUnits);
        Assert.Equal((children, children), (row.ExpectedCount, row.ReportedCount));
        Assert.Equal(children, row.Children.Count);
        Assert.Equal(children, row.StatusCounts.Reported);
        Assert.Equal(children, row.StatusCounts.OnTime);
    }

    /// <summary>Every county reports its population; those for which <paramref name="reportsIncome"/> holds also their per-capita income.</summary>
    private static async Task<(Aggregator, Oracle)> LoadPerCapitaAsync(Func<string, bool> reportsIncome)
    {
        var random = new Random(31);
        var feed = new FigureFeed();
        var oracle = new Oracle(Nation, Deadlines);
        var changes = new List<FigureRow>();
        foreach (var county in Nation.Counties)
        {
            changes.Add(feed.Next(county, Population, Period, random.Next(10_000, 2_000_000), Received));
            if (reportsIncome(county))
            {
                changes.Add(feed.Next(county, PerCapita, Period, random.Next(800_000, 9_000_000) / 100m, Received));
            }
        }
        changes.ForEach(oracle.Add);
        var aggregator = Aggregator.Create(Nation.Tree);
        await aggregator.ApplyInBatchesAsync(changes, BatchSize);
        return (aggregator, oracle);
    }
}
