using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Contracts.Aggregation.V1;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>PERIOD_ONLY summaries: a quarter alone is derived from year-to-date values; stocks are never differenced.</summary>
public sealed class PeriodOnlyValuesTests
{
    /// <summary>Nation 100000, region 110000, prefecture 110100 with counties 110101–110104.</summary>
    private static readonly GeneratedTree Tree = GeneratedTree.Build(1, _ => 1, _ => 4);
    private const string Prefecture = "110100";
    private static readonly DateTimeOffset Received = new(2023, 10, 10, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_quarter_alone_is_its_year_to_date_value_minus_the_previous_quarters()
    {
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(Tree.Tree);
        await aggregator.ApplyAsync([
            feed.Next("110101", Flow, "2023Q1", 10m, Received),
            feed.Next("110101", Flow, "2023Q2", 25m, Received),
            feed.Next("110101", Flow, "2023Q3", 45m, Received),
            feed.Next("110102", Flow, "2023Q2", 100m, Received),
            feed.Next("110102", Flow, "2023Q3", 160.5m, Received),
        ]);

        async Task<SummaryRow> Alone(string period, string node = Prefecture) => await aggregator.RowAsync(node, period, Flow, periodValues: PeriodValues.PeriodOnly);

        Assert.Equal(20m, (await Alone("2023Q3")).Children.Single(c => c.OrgUnit == "110101").Value.ToDecimal());
        Assert.Equal(80.5m, (await Alone("2023Q3")).Total.ToDecimal()); // 20 + 60.5
        Assert.Equal(15m, (await Alone("2023Q2")).Children.Single(c => c.OrgUnit == "110101").Value.ToDecimal());
        Assert.Equal(10m, (await Alone("2023Q1")).Total.ToDecimal());
        Assert.Equal(80.5m, (await Alone("2023Q3", GeneratedTree.Nation)).Total.ToDecimal());
        Assert.Equal(205.5m, (await aggregator.RowAsync(Prefecture, "2023Q3", Flow)).Total.ToDecimal()); // year to date
    }

    [Fact]
    public async Task A_quarter_alone_whose_previous_quarter_is_missing_has_no_value()
    {
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(Tree.Tree);
        await aggregator.ApplyAsync([
            feed.Next("110101", Flow, "2023Q2", 25m, Received),
            feed.Next("110101", Flow, "2023Q3", 45m, Received),
            feed.Next("110102", Flow, "2023Q3", 70m, Received),
        ]);

        var row = await aggregator.RowAsync(Prefecture, "2023Q3", Flow, periodValues: PeriodValues.PeriodOnly);

        Assert.Equal(20m, row.Total.ToDecimal());
        Assert.True(row.Partial);
        Assert.Equal(["110102", "110103", "110104"], row.MissingOrgUnits);
    }

    [Fact]
    public async Task A_stock_is_not_differenced_for_the_period_alone()
    {
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(Tree.Tree);
        await aggregator.ApplyAsync([
            feed.Next("110101", Stock, "2023Q2", 280m, Received),
            feed.Next("110101", Stock, "2023Q3", 300m, Received, growthPct: 4m),
        ]);

        var row = await aggregator.RowAsync(Prefecture, "2023Q3", Stock, periodValues: PeriodValues.PeriodOnly);

        Assert.Equal(300m, row.Total.ToDecimal());
        Assert.Equal(4m, row.GrowthPct.ToDecimal());
        Assert.Equal(GrowthBasis.ReportedGrowth, row.GrowthBasis);
    }

    [Fact]
    public async Task Growth_of_a_quarter_alone_comes_from_the_prior_years_quarter_alone_not_the_reported_year_to_date_growth()
    {
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(Tree.Tree);
        await aggregator.ApplyAsync([
            feed.Next("110101", Flow, "2022Q2", 20m, Received.AddYears(-1)),
            feed.Next("110101", Flow, "2022Q3", 36m, Received.AddYears(-1)), // Q3 alone 16
            feed.Next("110101", Flow, "2023Q1", 10m, Received, growthPct: 12.5m),
            feed.Next("110101", Flow, "2023Q2", 25m, Received, growthPct: 25m),
            feed.Next("110101", Flow, "2023Q3", 45m, Received, growthPct: 7.5m), // year to date, at comparable prices
        ]);

        var alone = await aggregator.RowAsync(Prefecture, "2023Q3", Flow, periodValues: PeriodValues.PeriodOnly);
        Assert.Equal(20m, alone.Total.ToDecimal());
        Assert.Equal(25m, alone.GrowthPct.ToDecimal()); // 20 / 16 − 1
        Assert.Equal(GrowthBasis.PriorYearValue, alone.GrowthBasis);
        var county = alone.Children.Single();
        Assert.Equal((25m, GrowthBasis.PriorYearValue), (county.GrowthPct.ToDecimal(), county.GrowthBasis));

        // Year to date: the prior-year figure is the base and the reported growth is the growth.
        var yearToDate = await aggregator.RowAsync(Prefecture, "2023Q3", Flow);
        Assert.Equal((45m, 7.5m, GrowthBasis.PriorYearValue), (yearToDate.Total.ToDecimal(), yearToDate.GrowthPct.ToDecimal(), yearToDate.GrowthBasis));

        // Q1 alone is Q1 year to date, so its reported growth still holds.
        var first = await aggregator.RowAsync(Prefecture, "2023Q1", Flow, periodValues: PeriodValues.PeriodOnly);
        Assert.Equal((10m, 12.5m, GrowthBasis.ReportedGrowth), (first.Total.ToDecimal(), first.GrowthPct.ToDecimal(), first.GrowthBasis));

        // Without the prior year's Q2 there is no prior-year Q3 alone, and the reported year-to-date growth is not used instead.
        var q2 = await aggregator.RowAsync(Prefecture, "2023Q2", Flow, periodValues: PeriodValues.PeriodOnly);
        Assert.Equal(15m, q2.Total.ToDecimal());
        Assert.Null(q2.GrowthPct);
        Assert.Equal(GrowthBasis.Unavailable, q2.GrowthBasis);
    }
}
