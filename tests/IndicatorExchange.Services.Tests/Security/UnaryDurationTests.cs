using System.Diagnostics;
using Grpc.Core;
using IndicatorExchange.Contracts.Access.V1;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;

namespace IndicatorExchange.Services.Tests.Security;

/// <summary>Limits:MaxUnaryDuration ends server-side work that a client left without a deadline.</summary>
public sealed class UnaryDurationTests(SlowStoreSuiteFactory suite) : IClassFixture<SlowStoreSuiteFactory>
{
    [Fact]
    public async Task A_call_stuck_in_storage_ends_at_the_servers_limit_with_deadline_exceeded_even_without_a_client_deadline()
    {
        var targets = new TargetService.TargetServiceClient(suite.CreateChannel(Roles.PrefectureAnalyst, "654000", "patient"));
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<RpcException>(() => targets.ListTargetsAsync(new ListTargetsRequest { OrgUnit = "654000" }).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.Contains("Limits:MaxUnaryDuration", error.Status.Detail, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, SlowStoreSuiteFactory.Limit, TimeSpan.FromSeconds(20)); // the store alone would take 30 s
    }

    [Fact]
    public async Task Calls_that_finish_within_the_limit_are_not_affected()
    {
        var access = new AccessService.AccessServiceClient(suite.CreateChannel(Roles.PrefectureAnalyst, "654000", "quick"));

        var caller = await access.GetCallerAsync(new GetCallerRequest());

        Assert.Equal("quick", caller.Subject);
    }
}
