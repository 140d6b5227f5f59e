using Grpc.Core;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests;

/// <summary>The prefecture's 2022 roll-up of the two seed reports, as the demo loads them (reference: expected-2022-prefecture.csv).</summary>
public sealed class AggregationServiceTests(SuiteFactory suite) : IClassFixture<SuiteFactory>
{
    private const string Prefecture = "654000";
    private readonly IndicatorService.IndicatorServiceClient _indicators = new(suite.CreateChannel());
    private readonly AggregationService.AggregationServiceClient _aggregation = new(suite.CreateChannel());

    private async Task<Summary> DemoSummaryAsync(string period = "2022") =>
        await SummaryAfterAsync(_aggregation, new GetSummaryRequest { OrgUnit = Prefecture, Period = period },
            await Figures.LatestSequenceAsync(_indicators));

    [Fact]
    public async Task Gdp_is_summed_and_its_growth_weighted_by_each_countys_base()
    {
        var gdp = Row(await DemoSummaryAsync(), "GDP");

        Assert.Equal("481.81", gdp.Total.Value);
        Assert.Equal("亿元", gdp.Unit);
        Assert.Equal(TotalMethod.Sum, gdp.TotalMethod);
        Assert.Equal(1.25m, Math.Round(gdp.GrowthPct.ToDecimal(), 2));
        Assert.Equal(GrowthBasis.ReportedGrowth, gdp.GrowthBasis);
        Assert.Equal(["654002", "654025"], gdp.Children.Select(c => c.OrgUnit));
        var yining = gdp.Children[0];
        var xinyuan = gdp.Children[1];
        Assert.Equal((1, 2), (yining.RankByValue, yining.RankByGrowth));
        Assert.Equal((2, 1), (xinyuan.RankByValue, xinyuan.RankByGrowth));
        Assert.Equal(0.44m, Math.Round(yining.PullPoints.ToDecimal(), 2));
        Assert.Equal(0.82m, Math.Round(xinyuan.PullPoints.ToDecimal(), 2));
        Assert.Equal(72.27m, Math.Round(yining.SharePct.ToDecimal(), 2)); // 348.2 / 481.81
        Assert.Equal(FigureStatus.Preliminary, yining.Status);
    }

    [Fact]
    public async Task A_total_over_two_of_eleven_counties_is_partial_and_names_the_missing_nine()
    {
        var gdp = Row(await DemoSummaryAsync(), "GDP");

        Assert.True(gdp.Partial);
        Assert.Equal((11, 2), (gdp.ExpectedCount, gdp.ReportedCount));
        Assert.Equal(["654003", "654004", "654021", "654022", "654023", "654024", "654026", "654027", "654028"], gdp.MissingOrgUnits);
    }

    [Fact]
    public async Task Foreign_trade_in_different_units_is_normalised_before_adding()
    {
        var trade = Row(await DemoSummaryAsync(), "FOREIGN_TRADE");

        Assert.Equal("7.592", trade.Total.Value);
        Assert.Equal("亿美元", trade.Unit);
        Assert.Equal(21.08m, Math.Round(trade.GrowthPct.ToDecimal(), 2));
        Assert.Equal("0.192", trade.Children.Single(c => c.OrgUnit == "654025").Value.Value);
    }

    [Fact]
    public async Task Above_size_retail_is_never_added_into_total_retail_sales()
    {
        var summary = await DemoSummaryAsync();
        var retail = Row(summary, "RETAIL_SALES");
        var aboveSize = Row(summary, "RETAIL_SALES_ABOVE_SIZE");

        Assert.Equal("101.4", retail.Total.Value);
        Assert.Equal(["654002"], retail.Children.Select(c => c.OrgUnit));
        Assert.Equal(10, retail.MissingOrgUnits.Count);
        Assert.Equal("5.04", aboveSize.Total.Value);
        Assert.Equal(["654025"], aboveSize.Children.Select(c => c.OrgUnit));
    }

    [Fact]
    public async Task Growth_is_withheld_when_a_county_reported_none()
    {
        var revenue = Row(await DemoSummaryAsync(), "PUBLIC_BUDGET_REVENUE");

        Assert.Equal("31.36", revenue.Total.Value);
        Assert.Null(revenue.GrowthPct);
        Assert.Equal(GrowthBasis.Unavailable, revenue.GrowthBasis);
    }

    [Fact]
    public async Task Per_capita_income_without_population_weights_has_no_total()
    {
        var income = Row(await DemoSummaryAsync(), "URBAN_DISPOSABLE_INCOME_PER_CAPITA");

        Assert.Null(income.Total);
        Assert.Equal(TotalMethod.WeightMissing, income.TotalMethod);
        Assert.Equal(2, income.Children.Count);
        Assert.Equal("38985", income.Children.Single(c => c.OrgUnit == "654002").Value.Value);
    }

    [Fact]
    public async Task A_summary_of_a_county_has_no_children_to_roll_up()
    {
        var summary = (await _aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = "654025", Period = "2022", Indicators = { "GDP" } })).Summary;

        var gdp = Row(summary, "GDP");
        Assert.Equal(TotalMethod.NoData, gdp.TotalMethod);
        Assert.Equal(0, gdp.ExpectedCount);
    }

    [Fact]
    public async Task A_region_is_rolled_up_from_its_prefectures_leaves()
    {
        await DemoSummaryAsync();
        var region = (await _aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = "650000", Period = "2022", Indicators = { "GDP" } })).Summary;

        var gdp = Row(region, "GDP");
        Assert.Equal("481.81", gdp.Total.Value);
        Assert.True(gdp.Partial);
        var prefecture = Assert.Single(gdp.Children);
        Assert.Equal(("654000", true), (prefecture.OrgUnit, prefecture.Partial));
        Assert.Equal(1.25m, Math.Round(gdp.GrowthPct.ToDecimal(), 2));
    }

    [Fact]
    public async Task A_resubmission_reaches_the_summary_through_the_change_feed()
    {
        // Period 2025 is used by this test alone: the demo's 2022 figures stay as other tests expect them.
        var request = new GetSummaryRequest { OrgUnit = Prefecture, Period = "2025", Indicators = { "GDP" } };
        await _indicators.SubmitFiguresAsync(Batch("654002", "2025", Figure("GDP", "348.2", "亿元", "0.6")));
        var first = await _indicators.SubmitFiguresAsync(Batch("654003", "2025", Figure("GDP", "200", "亿元", "5")));
        var before = Row(await SummaryAfterAsync(_aggregation, request, first.LastSequence), "GDP");

        var revision = await _indicators.SubmitFiguresAsync(Batch("654003", "2025", Figure("GDP", "210", "亿元", "5")));
        var after = Row(await SummaryAfterAsync(_aggregation, request, revision.LastSequence), "GDP");

        Assert.Equal("548.2", before.Total.Value);
        Assert.Equal("558.2", after.Total.Value);
        Assert.Equal(2, after.ReportedCount);
        // G = Σ value / Σ base − 1 with base_i = value_i / (1 + g_i)
        var bases = 348.2m / 1.006m + 210m / 1.05m;
        Assert.Equal(Math.Round((558.2m / bases - 1m) * 100m, 6), Math.Round(after.GrowthPct.ToDecimal(), 6));
    }

    [Fact]
    public async Task A_prior_year_figure_becomes_the_growth_base()
    {
        var prior = await _indicators.SubmitFiguresAsync(Batch("654004", "2019", Figure("TOURIST_VISITS", "100", "万人次")));
        var current = await _indicators.SubmitFiguresAsync(Batch("654004", "2020", Figure("TOURIST_VISITS", "1250000", "人次")));

        var visits = Row(await SummaryAfterAsync(_aggregation,
            new GetSummaryRequest { OrgUnit = Prefecture, Period = "2020", Indicators = { "TOURIST_VISITS" } },
            Math.Max(prior.LastSequence, current.LastSequence)), "TOURIST_VISITS");

        var horgos = Assert.Single(visits.Children);
        Assert.Equal("125", horgos.Value.Value);
        Assert.Equal(GrowthBasis.PriorYearValue, horgos.GrowthBasis);
        Assert.Equal("25", horgos.GrowthPct.Value);
        Assert.Equal("25", visits.GrowthPct.Value);
        Assert.Equal(GrowthBasis.PriorYearValue, visits.GrowthBasis);
    }

    [Fact]
    public async Task Bad_requests_get_precise_errors()
    {
        var unknownUnit = await Assert.ThrowsAsync<RpcException>(() =>
            _aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = "999999", Period = "2022" }).ResponseAsync);
        var badPeriod = await Assert.ThrowsAsync<RpcException>(() =>
            _aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = Prefecture, Period = "22" }).ResponseAsync);
        var badIndicator = await Assert.ThrowsAsync<RpcException>(() =>
            _aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = Prefecture, Period = "2022", Indicators = { "GDP", "NOPE" } }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, unknownUnit.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badPeriod.StatusCode);
        Assert.Equal([("period", "INVALID_PERIOD")], Violations(badPeriod));
        Assert.Equal([("indicators[1]", "UNKNOWN_INDICATOR")], Violations(badIndicator));
    }
}
