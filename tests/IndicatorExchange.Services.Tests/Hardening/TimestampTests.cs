using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IndicatorExchange.Contracts.Access.V1;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Hardening;

/// <summary>Timestamps google.protobuf.Timestamp excludes are INVALID_ARGUMENT naming the field, not INTERNAL (issue 21, item 7).</summary>
public sealed class TimestampTests(HardeningSuiteFactory suite) : IClassFixture<HardeningSuiteFactory>
{
    public static TheoryData<string, long, int> Impossible() => new()
    {
        { "nanos of a whole second", 1_700_000_000, 1_000_000_000 },
        { "negative nanos", 1_700_000_000, -1 },
        { "before year 1", -62_135_596_801, 0 },
        { "after year 9999", 253_402_300_800, 0 },
    };

    private static void AssertRefused(RpcException error, string field)
    {
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([(field, "INVALID_TIMESTAMP")], Violations(error));
    }

    [Theory]
    [MemberData(nameof(Impossible))]
    public async Task An_impossible_as_of_or_deadline_is_refused_in_every_rpc_that_reads_one(string what, long seconds, int nanos)
    {
        var at = new Timestamp { Seconds = seconds, Nanos = nanos };
        var indicators = new IndicatorService.IndicatorServiceClient(suite.CreateChannel());
        var aggregation = new AggregationService.AggregationServiceClient(suite.CreateChannel());
        var targets = new TargetService.TargetServiceClient(suite.CreateChannel());
        var access = new AccessService.AccessServiceClient(suite.CreateChannel());

        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => indicators.ListFiguresAsync(new ListFiguresRequest { AsOf = at }).ResponseAsync), "as_of");
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() =>
            indicators.ListFigureRevisionsAsync(new ListFigureRevisionsRequest { ReceivedAfter = at }).ResponseAsync), "received_after");
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() =>
            aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = "654000", Period = "2023", AsOf = at }).ResponseAsync), "as_of");
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => targets.ListTargetsAsync(new ListTargetsRequest { AsOf = at }).ResponseAsync), "as_of");
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() => access.ListAuditRecordsAsync(new ListAuditRecordsRequest { FromTime = at }).ResponseAsync), "from_time");
        AssertRefused(await Assert.ThrowsAsync<RpcException>(() =>
            indicators.OpenPeriodAsync(new OpenPeriodRequest { Code = "2030", Deadline = at }).ResponseAsync), "deadline");
        Assert.DoesNotContain((await indicators.ListPeriodsAsync(new ListPeriodsRequest { PageSize = 1000 })).Periods, p => p.Code == "2030");
        Assert.True(what.Length > 0);
    }

    [Fact]
    public async Task An_impossible_token_lifetime_is_refused()
    {
        var access = new AccessService.AccessServiceClient(suite.CreateChannel());

        var error = await Assert.ThrowsAsync<RpcException>(() => access.IssueTokenAsync(new IssueTokenRequest
        {
            Subject = "s", Role = Role.CountyReporter, OrgUnit = "654025", ValidFor = new Duration { Seconds = 60, Nanos = -5 },
        }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("valid_for", "INVALID_DURATION")], Violations(error));
    }
}
