using Grpc.Core;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using static IndicatorExchange.Services.Tests.Grpc;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Services.Tests;

/// <summary>Progress against the seeds' 2023 targets (loaded by the demo), with made-up but plausible 2023 figures.</summary>
public sealed class TargetProgressTests(SuiteFactory suite) : IClassFixture<SuiteFactory>
{
    private const string Prefecture = "654000";
    private readonly IndicatorService.IndicatorServiceClient _indicators = new(suite.CreateChannel());
    private readonly AggregationService.AggregationServiceClient _aggregation = new(suite.CreateChannel());
    private readonly TargetService.TargetServiceClient _targets = new(suite.CreateChannel());

    /// <summary>A summary once the aggregator reflects the figures up to <paramref name="sequence"/> and every target set so far.</summary>
    private async Task<Summary> SummaryWithTargetsAsync(GetSummaryRequest request, long sequence)
    {
        var targets = (await _targets.ListTargetsAsync(new ListTargetsRequest { PageSize = 1000 })).Targets.Max(t => t.Sequence);
        return await SummaryAfterAsync(_aggregation, request, sequence, targets);
    }

    [Fact]
    public async Task Yining_tourists_at_600_wan_in_Q2_are_behind_the_half_year_milestone()
    {
        var submitted = await _indicators.SubmitFiguresAsync(Batch("654002", "2023Q2", Figure("TOURIST_VISITS", "600", "万人次")));

        var row = Row(await SummaryWithTargetsAsync(
            new GetSummaryRequest { OrgUnit = Prefecture, Period = "2023Q2", Indicators = { "TOURIST_VISITS" } }, submitted.LastSequence), "TOURIST_VISITS");

        var progress = Assert.Single(row.Children.Single(c => c.OrgUnit == "654002").TargetProgress);
        Assert.Equal(TargetKind.ValueAtLeast, progress.Kind);
        Assert.Equal("1248", progress.Threshold.Value);
        Assert.Equal(48.08m, Math.Round(progress.CompletionPct.ToDecimal(), 2)); // 600 / 1248
        Assert.Equal("50", progress.MilestonePct.Value);
        Assert.Equal(ProgressStatus.Behind, progress.Status);
        Assert.Contains("below the 50% milestone", progress.Rule);
    }

    [Fact]
    public async Task Xinyuan_unemployment_at_5_2_percent_is_within_its_5_5_percent_ceiling()
    {
        var submitted = await _indicators.SubmitFiguresAsync(Batch("654025", "2023Q2", Figure("SURVEYED_UNEMPLOYMENT_RATE", "5.2", "%")));

        var row = Row(await SummaryWithTargetsAsync(
            new GetSummaryRequest { OrgUnit = Prefecture, Period = "2023Q2", Indicators = { "SURVEYED_UNEMPLOYMENT_RATE" } }, submitted.LastSequence),
            "SURVEYED_UNEMPLOYMENT_RATE");

        var progress = Assert.Single(row.Children.Single().TargetProgress);
        Assert.Equal(TargetKind.RateAtMost, progress.Kind);
        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
        Assert.Equal("0.3", progress.Margin.Value);
    }

    [Fact]
    public async Task Growth_targets_are_read_as_the_gap_in_points()
    {
        var submitted = await _indicators.SubmitFiguresAsync(Batch("654002", "2023Q3", Figure("GDP", "260", "亿元", "8.4")));

        var row = Row(await SummaryWithTargetsAsync(
            new GetSummaryRequest { OrgUnit = Prefecture, Period = "2023Q3", Indicators = { "GDP" } }, submitted.LastSequence), "GDP");

        var progress = Assert.Single(row.Children.Single().TargetProgress);
        Assert.Equal(TargetKind.GrowthAtLeast, progress.Kind);
        Assert.Equal("0.4", progress.GapPoints.Value);
        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
    }

    [Fact]
    public async Task Value_targets_are_normalised_like_figures_and_keep_their_history_and_reason()
    {
        var jobs = (await _targets.ListTargetsAsync(new ListTargetsRequest { OrgUnit = "654002", Indicator = "NEW_URBAN_JOBS", Year = 2023 })).Targets.Single();

        Assert.Equal(("9000", "人"), (jobs.Definition.Threshold.Value, jobs.Definition.Unit));
        Assert.Equal(("0.9", "万人"), (jobs.NormalisedThreshold.Value, jobs.CanonicalUnit));
        Assert.Equal("demo", jobs.SetBy);
        Assert.Contains("government work reports", jobs.Reason);

        var revise = new SetTargetsRequest { Reason = "raised by the county congress" };
        revise.Targets.Add(new TargetInput { OrgUnit = "654002", Indicator = "NEW_URBAN_JOBS", Year = 2023, Kind = TargetKind.ValueAtLeast,
            Threshold = new ProtoDecimal { Value = "1" }, Unit = "万人" });
        await _targets.SetTargetsAsync(revise);
        var history = await _targets.GetTargetHistoryAsync(new GetTargetHistoryRequest
            { OrgUnit = "654002", Indicator = "NEW_URBAN_JOBS", Year = 2023, Kind = TargetKind.ValueAtLeast });

        Assert.Equal([1L, 2L], history.Revisions.Select(r => r.Revision));
        Assert.Equal("raised by the county congress", history.Revisions[1].Reason);
        Assert.Equal("1", history.Revisions[1].NormalisedThreshold.Value);
    }

    [Fact]
    public async Task A_value_target_in_a_unit_of_another_dimension_is_refused()
    {
        var request = new SetTargetsRequest();
        request.Targets.Add(new TargetInput { OrgUnit = "654002", Indicator = "FOREIGN_TRADE", Year = 2031, Kind = TargetKind.ValueAtLeast,
            Threshold = new ProtoDecimal { Value = "9.3" }, Unit = "亿元" });
        request.Targets.Add(new TargetInput { OrgUnit = "654002", Indicator = "NO_SUCH_THING", Year = 2031, Kind = TargetKind.GrowthAtLeast,
            Threshold = new ProtoDecimal { Value = "5" }, Unit = "%" });

        var error = await Assert.ThrowsAsync<RpcException>(() => _targets.SetTargetsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("targets[0].unit", "UNIT_DIMENSION_MISMATCH"), ("targets[1].indicator", "UNKNOWN_INDICATOR")], Violations(error));
    }

    [Fact]
    public async Task A_prefecture_floor_above_its_counties_floors_is_answered_with_a_warning()
    {
        // Yining ≥ 1248 and Xinyuan ≥ 840 万人次 add up to 2088, below a prefecture floor of 3000.
        var request = new SetTargetsRequest();
        request.Targets.Add(new TargetInput { OrgUnit = Prefecture, Indicator = "TOURIST_VISITS", Year = 2023, Kind = TargetKind.ValueAtLeast,
            Threshold = new ProtoDecimal { Value = "3000" }, Unit = "万人次" });
        request.ValidateOnly = true;

        var response = await _targets.SetTargetsAsync(request);

        var warning = Assert.Single(response.Summary.Issues);
        Assert.Equal("CHILD_TARGETS_BELOW_PARENT", warning.Reason);
        Assert.Contains("2088", warning.Message);
    }

    [Fact]
    public async Task The_prefectures_progress_is_computed_from_its_aggregate_and_a_revised_target_reaches_the_watcher()
    {
        await _indicators.SubmitFiguresAsync(Batch("654002", "2024Q2", Figure("TOURIST_VISITS", "600", "万人次")));
        await _indicators.SubmitFiguresAsync(Batch("654025", "2024Q2", Figure("TOURIST_VISITS", "400", "万人次")));
        var floor = new SetTargetsRequest();
        floor.Targets.Add(new TargetInput { OrgUnit = Prefecture, Indicator = "TOURIST_VISITS", Year = 2024, Kind = TargetKind.ValueAtLeast,
            Threshold = new ProtoDecimal { Value = "2500" }, Unit = "万人次" });
        await _targets.SetTargetsAsync(floor);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60)); // generous: on a loaded 2-core machine the feeds lag
        using var call = _aggregation.WatchSummary(new WatchSummaryRequest { OrgUnit = Prefecture, Period = "2024Q2", Indicators = { "TOURIST_VISITS" } },
            cancellationToken: timeout.Token);
        var progress = await NextProgressAsync(call.ResponseStream, p => p.CompletionPct?.Value == "40", timeout.Token); // 1000 / 2500
        Assert.Equal(ProgressStatus.Behind, progress.Status);

        floor.Targets[0].Threshold = new ProtoDecimal { Value = "1800" };
        await _targets.SetTargetsAsync(floor);
        var revised = await NextProgressAsync(call.ResponseStream, p => p.Threshold.Value == "1800", timeout.Token);

        Assert.Equal(55.56m, Math.Round(revised.CompletionPct.ToDecimal(), 2)); // 1000 / 1800
        Assert.Equal(ProgressStatus.Ahead, revised.Status);
    }

    [Fact]
    public async Task Quarterly_milestones_replace_the_linear_ones_and_are_checked()
    {
        var target = new TargetInput { OrgUnit = "654021", Indicator = "FIXED_ASSET_INVESTMENT", Year = 2024, Kind = TargetKind.ValueAtLeast,
            Threshold = new ProtoDecimal { Value = "100" }, Unit = "亿元" };
        target.Milestones.AddRange(new[] { "20", "45", "70", "100" }.Select(m => new ProtoDecimal { Value = m }));
        var bad = target.Clone();
        bad.Milestones[1] = new ProtoDecimal { Value = "10" }; // decreasing
        var badRequest = new SetTargetsRequest { Targets = { bad } };
        var error = await Assert.ThrowsAsync<RpcException>(() => _targets.SetTargetsAsync(badRequest).ResponseAsync);
        Assert.Contains(("targets[0].milestones", "INVALID_MILESTONES"), Violations(error));

        await _targets.SetTargetsAsync(new SetTargetsRequest { Targets = { target } });
        var submitted = await _indicators.SubmitFiguresAsync(Batch("654021", "2024Q2", Figure("FIXED_ASSET_INVESTMENT", "46", "亿元")));
        var row = Row(await SummaryWithTargetsAsync(
            new GetSummaryRequest { OrgUnit = Prefecture, Period = "2024Q2", Indicators = { "FIXED_ASSET_INVESTMENT" } }, submitted.LastSequence),
            "FIXED_ASSET_INVESTMENT");

        var progress = Assert.Single(row.Children.Single().TargetProgress);
        Assert.Equal(("46", "45"), (progress.CompletionPct.Value, progress.MilestonePct.Value)); // 45%, not the linear 50%
        Assert.Equal(ProgressStatus.OnTrack, progress.Status);
    }

    [Fact]
    public async Task Targets_as_they_stood_at_a_past_moment_are_listed_with_as_of()
    {
        var target = new TargetInput { OrgUnit = "654022", Indicator = "GRAIN_OUTPUT", Year = 2024, Kind = TargetKind.ValueAtLeast,
            Threshold = new ProtoDecimal { Value = "10" }, Unit = "万吨" };
        await _targets.SetTargetsAsync(new SetTargetsRequest { Targets = { target } });
        var first = (await _targets.ListTargetsAsync(new ListTargetsRequest { OrgUnit = "654022", Year = 2024 })).Targets.Single();
        await Task.Delay(20);
        target.Threshold = new ProtoDecimal { Value = "11" };
        await _targets.SetTargetsAsync(new SetTargetsRequest { Targets = { target } });

        var then = await _targets.ListTargetsAsync(new ListTargetsRequest { OrgUnit = "654022", Year = 2024, AsOf = first.UpdatedAt });
        var now = await _targets.ListTargetsAsync(new ListTargetsRequest { OrgUnit = "654022", Year = 2024 });

        Assert.Equal(("10", 1L), (then.Targets.Single().Definition.Threshold.Value, then.Targets.Single().Revision));
        Assert.Equal(("11", 2L), (now.Targets.Single().Definition.Threshold.Value, now.Targets.Single().Revision));
    }

    private static async Task<Contracts.Aggregation.V1.TargetProgress> NextProgressAsync(
        IAsyncStreamReader<WatchSummaryResponse> stream, Func<Contracts.Aggregation.V1.TargetProgress, bool> wanted, CancellationToken cancellationToken)
    {
        while (await stream.MoveNext(cancellationToken))
        {
            var row = stream.Current.Summary.Rows.SingleOrDefault();
            if (row?.TargetProgress.FirstOrDefault(wanted) is { } progress)
            {
                return progress;
            }
        }
        throw new Xunit.Sdk.XunitException("The watch ended without the expected progress.");
    }
}
