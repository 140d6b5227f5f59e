using Grpc.Core;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests;

/// <summary>Live summaries, series, past moments, rebuilds, weights and timeliness, through the gRPC contract.</summary>
public sealed class AggregationLiveTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    private const string Prefecture = "654000";
    private readonly IndicatorService.IndicatorServiceClient _indicators = new(suite.CreateChannel());
    private readonly AggregationService.AggregationServiceClient _aggregation = new(suite.CreateChannel());

    [Fact]
    public async Task A_watcher_gets_the_summary_and_then_every_change_to_it()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var call = _aggregation.WatchSummary(
            new WatchSummaryRequest { OrgUnit = Prefecture, Period = "2021", Indicators = { "GDP" } }, cancellationToken: timeout.Token);
        var stream = call.ResponseStream;

        Assert.True(await stream.MoveNext(timeout.Token));
        Assert.Equal(TotalMethod.NoData, Row(stream.Current.Summary, "GDP").TotalMethod);

        await _indicators.SubmitFiguresAsync(Batch("654002", "2021", Figure("GDP", "300", "亿元", "5")));
        Assert.True(await stream.MoveNext(timeout.Token));
        Assert.Equal("300", Row(stream.Current.Summary, "GDP").Total.Value);

        await _indicators.SubmitFiguresAsync(Batch("654025", "2021", Figure("GDP", "1200000", "万元", "2")));
        Assert.True(await stream.MoveNext(timeout.Token));
        var gdp = Row(stream.Current.Summary, "GDP");
        Assert.Equal("420", gdp.Total.Value);
        Assert.Equal(2, gdp.ReportedCount);
    }

    [Fact]
    public async Task A_series_lists_every_period_with_growth_from_the_prior_year()
    {
        await _indicators.SubmitFiguresAsync(Batch("654021", "2019", Figure("TOURIST_VISITS", "100", "万人次")));
        await _indicators.SubmitFiguresAsync(Batch("654021", "2020", Figure("TOURIST_VISITS", "80", "万人次")));
        var last = await _indicators.SubmitFiguresAsync(Batch("654021", "2022", Figure("TOURIST_VISITS", "120", "万人次")));
        await SummaryAfterAsync(_aggregation, new GetSummaryRequest { OrgUnit = Prefecture, Period = "2022" }, last.LastSequence);

        var county = await _aggregation.ListSeriesAsync(new ListSeriesRequest { OrgUnit = "654021", Indicator = "TOURIST_VISITS", FromPeriod = "2019", ToPeriod = "2022" });

        Assert.Equal("万人次", county.Unit);
        Assert.Equal(["2019", "2020", "2021", "2022"], county.Points.Select(p => p.Period));
        Assert.Equal(["100", "80", null, "120"], county.Points.Select(p => p.Value?.Value));
        Assert.Equal("-20", county.Points[1].GrowthPct.Value);
        Assert.Equal(GrowthBasis.PriorYearValue, county.Points[1].GrowthBasis);
        Assert.Null(county.Points[3].GrowthPct); // no 2021 figure to grow from
        Assert.Equal(TotalMethod.NoData, county.Points[2].TotalMethod);
    }

    [Fact]
    public async Task A_summary_as_it_stood_at_a_past_moment_shows_the_revision_of_then()
    {
        var first = await _indicators.SubmitFiguresAsync(Batch("654022", "2019", Figure("GRAIN_OUTPUT", "10", "万吨")));
        var firstTime = (await _indicators.GetFigureHistoryAsync(new GetFigureHistoryRequest { OrgUnit = "654022", Period = "2019", Indicator = "GRAIN_OUTPUT" }))
            .Revisions.Single().ReceivedAt.ToDateTimeOffset();
        await Task.Delay(50);
        var second = await _indicators.SubmitFiguresAsync(Batch("654022", "2019", Figure("GRAIN_OUTPUT", "12", "万吨")));
        await SummaryAfterAsync(_aggregation, new GetSummaryRequest { OrgUnit = Prefecture, Period = "2019" }, second.LastSequence);

        var then = await _aggregation.GetSummaryAsync(new GetSummaryRequest
        {
            OrgUnit = Prefecture, Period = "2019", Indicators = { "GRAIN_OUTPUT" },
            AsOf = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(firstTime.AddMilliseconds(1)),
        });
        var now = await _aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = Prefecture, Period = "2019", Indicators = { "GRAIN_OUTPUT" } });

        Assert.True(first.LastSequence < second.LastSequence);
        Assert.Equal("10", Row(then.Summary, "GRAIN_OUTPUT").Total.Value);
        Assert.Equal("12", Row(now.Summary, "GRAIN_OUTPUT").Total.Value);
    }

    [Fact]
    public async Task Per_capita_income_is_weighted_by_population_once_it_is_reported()
    {
        await _indicators.SubmitFiguresAsync(Batch("654002", "2022",
            Figure("URBAN_DISPOSABLE_INCOME_PER_CAPITA", "38985", "元", "4"), Figure("URBAN_POPULATION", "40", "万人")));
        var withoutWeight = await _indicators.SubmitFiguresAsync(Batch("654025", "2022",
            Figure("URBAN_DISPOSABLE_INCOME_PER_CAPITA", "36835", "元", "8.5")));
        var request = new GetSummaryRequest { OrgUnit = Prefecture, Period = "2022", Indicators = { "URBAN_DISPOSABLE_INCOME_PER_CAPITA" } };
        var unweighted = Row((await SummaryAfterAsync(_aggregation, request, withoutWeight.LastSequence)), "URBAN_DISPOSABLE_INCOME_PER_CAPITA");

        var weight = await _indicators.SubmitFiguresAsync(Batch("654025", "2022", Figure("URBAN_POPULATION", "150000", "人")));
        var weighted = Row(await SummaryAfterAsync(_aggregation, request, weight.LastSequence), "URBAN_DISPOSABLE_INCOME_PER_CAPITA");

        Assert.Null(unweighted.Total);
        Assert.Equal(TotalMethod.WeightMissing, unweighted.TotalMethod);
        Assert.Equal(TotalMethod.WeightedMean, weighted.TotalMethod);
        // (38985 × 40 + 36835 × 15) / 55, by hand: 2111925 / 55
        Assert.Equal(Math.Round(2111925m / 55m, 10), weighted.Total.ToDecimal());
    }

    [Fact]
    public async Task Population_is_reported_by_quarter_and_a_quarter_without_it_is_weighted_by_the_year_end_figure()
    {
        // The demo catalog accepts population quarterly (an end-of-period stock).
        await _indicators.SubmitFiguresAsync(Batch("654002", "2020Q2",
            Figure("RURAL_DISPOSABLE_INCOME_PER_CAPITA", "9000", "元"), Figure("RURAL_POPULATION", "10", "万人")));
        await _indicators.SubmitFiguresAsync(Batch("654025", "2020", Figure("RURAL_POPULATION", "30", "万人")));
        var last = await _indicators.SubmitFiguresAsync(Batch("654025", "2020Q2", Figure("RURAL_DISPOSABLE_INCOME_PER_CAPITA", "8000", "元")));
        var request = new GetSummaryRequest { OrgUnit = Prefecture, Period = "2020Q2", Indicators = { "RURAL_DISPOSABLE_INCOME_PER_CAPITA" } };

        var row = Row(await SummaryAfterAsync(_aggregation, request, last.LastSequence), "RURAL_DISPOSABLE_INCOME_PER_CAPITA");

        Assert.Equal(TotalMethod.WeightedMean, row.TotalMethod);
        // (9000 × 10 + 8000 × 30) / 40: Xinyuan weighted by its 2020 year-end rural population
        Assert.Equal(8250m, row.Total.ToDecimal());
        Assert.Equal(["2020Q2", "2020"], row.WeightPeriods);
        Assert.Equal(["2020"], row.Children.Single(c => c.OrgUnit == "654025").WeightPeriods);
    }

    [Fact]
    public async Task Figures_after_the_deadline_are_counted_late_and_statuses_are_counted()
    {
        // The demo's periods have the default deadline: 2025's passed in January 2026, 2026's falls in January 2027.
        await _indicators.SubmitFiguresAsync(Batch("654023", "2025", Figure("GDP", "50", "亿元", status: Contracts.Common.V1.FigureStatus.Preliminary)));
        var late = await _indicators.SubmitFiguresAsync(Batch("654024", "2025", Figure("GDP", "60", "亿元", status: Contracts.Common.V1.FigureStatus.Final)));
        var onTime = await _indicators.SubmitFiguresAsync(Batch("654023", "2026", Figure("GDP", "55", "亿元")));

        var row2025 = Row(await SummaryAfterAsync(_aggregation, new GetSummaryRequest { OrgUnit = Prefecture, Period = "2025", Indicators = { "GDP" } }, late.LastSequence), "GDP");
        var row2026 = Row(await SummaryAfterAsync(_aggregation, new GetSummaryRequest { OrgUnit = Prefecture, Period = "2026", Indicators = { "GDP" } }, onTime.LastSequence), "GDP");

        Assert.Equal((0, 2), (row2025.StatusCounts.OnTime, row2025.StatusCounts.Late));
        Assert.Equal((1, 0, 1), (row2025.StatusCounts.Preliminary, row2025.StatusCounts.Reported, row2025.StatusCounts.Final));
        Assert.All(row2025.Children, c => Assert.True(c.Late));
        Assert.Equal((1, 0), (row2026.StatusCounts.OnTime, row2026.StatusCounts.Late));
    }

    [Fact]
    public async Task Quarter_alone_is_the_difference_of_year_to_date_values()
    {
        await _indicators.SubmitFiguresAsync(Batch("654027", "2024Q1", Figure("FIXED_ASSET_INVESTMENT", "10", "亿元")));
        await _indicators.SubmitFiguresAsync(Batch("654027", "2024Q2", Figure("FIXED_ASSET_INVESTMENT", "25", "亿元")));
        var last = await _indicators.SubmitFiguresAsync(Batch("654027", "2024Q3", Figure("FIXED_ASSET_INVESTMENT", "45", "亿元", "12")));
        await SummaryAfterAsync(_aggregation, new GetSummaryRequest { OrgUnit = Prefecture, Period = "2024Q3" }, last.LastSequence);

        var ytd = await _aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = Prefecture, Period = "2024Q3", Indicators = { "FIXED_ASSET_INVESTMENT" } });
        var alone = await _aggregation.GetSummaryAsync(new GetSummaryRequest
        {
            OrgUnit = Prefecture, Period = "2024Q3", Indicators = { "FIXED_ASSET_INVESTMENT" }, PeriodValues = PeriodValues.PeriodOnly,
        });

        Assert.Equal("45", Row(ytd.Summary, "FIXED_ASSET_INVESTMENT").Total.Value);
        Assert.Equal("12", Row(ytd.Summary, "FIXED_ASSET_INVESTMENT").GrowthPct.Value);
        Assert.Equal("20", Row(alone.Summary, "FIXED_ASSET_INVESTMENT").Total.Value);
        Assert.Null(Row(alone.Summary, "FIXED_ASSET_INVESTMENT").GrowthPct); // year-to-date growth says nothing about Q3 alone
    }

    [Fact]
    public async Task A_rebuild_replays_the_feed_and_gives_the_same_summaries()
    {
        var last = await _indicators.SubmitFiguresAsync(Batch("654028", "2023", Figure("GDP", "70", "亿元", "6"), Figure("GRAIN_OUTPUT", "8", "万吨")));
        var request = new GetSummaryRequest { OrgUnit = Prefecture, Period = "2023" };
        var before = await SummaryAfterAsync(_aggregation, request, last.LastSequence);

        var rebuilt = await _aggregation.RebuildRollupsAsync(new RebuildRollupsRequest());
        var after = (await _aggregation.GetSummaryAsync(request)).Summary;

        Assert.True(rebuilt.AsOfSequence >= last.LastSequence);
        Assert.True(rebuilt.Rows > 0);
        before.AsOfSequence = after.AsOfSequence = 0;
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Rebuilds_asked_for_at_once_all_succeed_and_give_the_same_summaries()
    {
        // A second rebuild used to cancel the first one's pending reset, which answered INTERNAL (found by the fuzzing test).
        var last = await _indicators.SubmitFiguresAsync(Batch("654026", "2023", Figure("GDP", "55", "亿元", "4")));
        var request = new GetSummaryRequest { OrgUnit = Prefecture, Period = "2023" };
        var before = await SummaryAfterAsync(_aggregation, request, last.LastSequence);

        var rebuilds = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _aggregation.RebuildRollupsAsync(new RebuildRollupsRequest()).ResponseAsync));
        var after = (await _aggregation.GetSummaryAsync(request)).Summary;

        Assert.All(rebuilds, rebuilt => Assert.True(rebuilt.AsOfSequence >= last.LastSequence));
        before.AsOfSequence = after.AsOfSequence = 0;
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_rebuild_from_the_stored_figures_replays_nothing_and_gives_the_same_summaries()
    {
        var last = await _indicators.SubmitFiguresAsync(Batch("654027", "2023", Figure("GDP", "40", "亿元", "5"), Figure("GRAIN_OUTPUT", "3", "万吨")));
        var request = new GetSummaryRequest { OrgUnit = Prefecture, Period = "2023" };
        var before = await SummaryAfterAsync(_aggregation, request, last.LastSequence);

        var rebuilt = await _aggregation.RebuildRollupsAsync(new RebuildRollupsRequest { Source = RebuildSource.StoredFigures });
        var after = (await _aggregation.GetSummaryAsync(request)).Summary;

        Assert.Equal(0, rebuilt.RevisionsReplayed);
        Assert.True(rebuilt.AsOfSequence >= last.LastSequence);
        Assert.True(rebuilt.Rows > 0);
        before.AsOfSequence = after.AsOfSequence = 0;
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task A_series_of_unlike_periods_is_refused()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => _aggregation.ListSeriesAsync(
            new ListSeriesRequest { OrgUnit = Prefecture, Indicator = "GDP", FromPeriod = "2022", ToPeriod = "2023Q4" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("to_period", "PERIOD_KIND_MISMATCH")], Violations(error));
    }
}
