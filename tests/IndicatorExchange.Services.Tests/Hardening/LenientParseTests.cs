using Grpc.Core;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Hardening;

/// <summary>
/// The parses issue 21 (item 9) found lenient, decided the same way in every RPC and stated in the proto comments:
/// "12." and ".5", a negative page_size or after_sequence and an unknown period_values are refused; a unit's
/// surrounding blanks are tolerated (<see cref="ExactValueTests"/>).
/// </summary>
public sealed class LenientParseTests(HardeningSuiteFactory suite) : IClassFixture<HardeningSuiteFactory>
{
    private static void AssertRefused(RpcException error, string field, string reason)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([(field, reason)], Violations(error));
    }

    [Theory]
    [InlineData("8.")]
    [InlineData(".5")]
    public async Task A_threshold_or_bound_outside_the_decimal_grammar_is_refused_as_figures_are(string text)
    {
        var targets = new TargetService.TargetServiceClient(suite.CreateChannel());
        var request = new SetTargetsRequest();
        request.Targets.Add(new TargetInput
        {
            OrgUnit = "654025", Indicator = "GDP", Year = 2023, Kind = TargetKind.GrowthAtLeast,
            Threshold = new Contracts.Common.V1.Decimal { Value = text }, Unit = "%",
        });
        var indicators = new IndicatorService.IndicatorServiceClient(suite.CreateChannel());
        var indicator = new Contracts.Indicator.V1.Indicator { Code = "GDP", MaxValue = new Contracts.Common.V1.Decimal { Value = text } };

        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => targets.SetTargetsAsync(request).ResponseAsync), "targets[0].threshold", "INVALID_DECIMAL");
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => indicators.UpdateIndicatorAsync(new UpdateIndicatorRequest
        {
            Indicator = indicator, UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "max_value" } },
        }).ResponseAsync), "indicator.max_value", "INVALID_DECIMAL");
    }

    [Fact]
    public async Task A_negative_page_size_is_refused_by_every_list()
    {
        var indicators = new IndicatorService.IndicatorServiceClient(suite.CreateChannel());
        var targets = new TargetService.TargetServiceClient(suite.CreateChannel());

        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => indicators.ListFiguresAsync(new ListFiguresRequest { PageSize = -1 }).ResponseAsync), "page_size", "INVALID_PAGE_SIZE");
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => indicators.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = -1 }).ResponseAsync), "page_size", "INVALID_PAGE_SIZE");
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => indicators.ListOrgUnitsAsync(new ListOrgUnitsRequest { PageSize = -1 }).ResponseAsync), "page_size", "INVALID_PAGE_SIZE");
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => indicators.ListPeriodsAsync(new ListPeriodsRequest { PageSize = -1 }).ResponseAsync), "page_size", "INVALID_PAGE_SIZE");
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => indicators.ListFigureRevisionsAsync(new ListFigureRevisionsRequest { PageSize = -1 }).ResponseAsync), "page_size", "INVALID_PAGE_SIZE");
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => targets.ListTargetsAsync(new ListTargetsRequest { PageSize = -1 }).ResponseAsync), "page_size", "INVALID_PAGE_SIZE");
    }

    [Fact]
    public async Task A_negative_after_sequence_is_refused_by_both_feeds()
    {
        var indicators = new IndicatorService.IndicatorServiceClient(suite.CreateChannel());
        var targets = new TargetService.TargetServiceClient(suite.CreateChannel());

        // A deadline: a feed that accepted -5 would wait for changes rather than fail.
        using var changes = indicators.WatchChanges(new WatchChangesRequest { AfterSequence = -5 }, deadline: DateTime.UtcNow.AddSeconds(10));
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => changes.ResponseStream.MoveNext()), "after_sequence", "INVALID_SEQUENCE");
        using var targetChanges = targets.WatchTargets(new WatchTargetsRequest { AfterSequence = -5 }, deadline: DateTime.UtcNow.AddSeconds(10));
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => targetChanges.ResponseStream.MoveNext()), "after_sequence", "INVALID_SEQUENCE");
    }

    [Fact]
    public async Task An_unknown_period_values_is_refused_not_read_as_year_to_date()
    {
        var client = new AggregationService.AggregationServiceClient(suite.CreateChannel());
        const PeriodValues unknown = (PeriodValues)7;

        AssertRefused(await Assert.ThrowsAsync<RpcException>(() =>
            client.GetSummaryAsync(new GetSummaryRequest { OrgUnit = "654000", Period = "2023", PeriodValues = unknown }).ResponseAsync), "period_values", "INVALID_PERIOD_VALUES");
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => client.ListSeriesAsync(new ListSeriesRequest
        {
            OrgUnit = "654000", Indicator = "GDP", FromPeriod = "2022", ToPeriod = "2023", PeriodValues = unknown,
        }).ResponseAsync), "period_values", "INVALID_PERIOD_VALUES");
        using var watch = client.WatchSummary(new WatchSummaryRequest { OrgUnit = "654000", Period = "2023", PeriodValues = unknown }, deadline: DateTime.UtcNow.AddSeconds(10));
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext()), "period_values", "INVALID_PERIOD_VALUES");
    }
}
