using Grpc.Core;
using IndicatorExchange.Contracts.Access.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Hardening;

/// <summary>A token with an unknown role, or a huge one, is answered with what is wrong with it (issue 21, item 8).</summary>
public sealed class TokenTests(HardeningSuiteFactory suite) : IClassFixture<HardeningSuiteFactory>
{
    private static string SignedWithRole(string role) =>
        TokenSigner.Sign(SigningKeyRing.ToSecurityKey(new SigningKeyOptions { Id = TestKeys.KeyId, Secret = TestKeys.Secret }), "indicatorexchange", "indicatorexchange",
            "someone", role, "654025", DateTimeOffset.UtcNow, TimeSpan.FromHours(1)).Token;

    [Fact]
    public async Task A_valid_token_with_an_unknown_role_is_told_the_role_is_unknown()
    {
        var client = new AccessService.AccessServiceClient(suite.CreateChannel(SignedWithRole("mayor")));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetCallerAsync(new GetCallerRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("TOKEN_INVALID", Reason(error));
        Assert.Contains("'mayor' is unknown", error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("no bearer token", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_100_KB_token_is_refused_as_too_large_without_being_parsed()
    {
        var client = new AccessService.AccessServiceClient(suite.CreateChannel(SignedWithRole(Roles.CountyReporter) + new string('A', 100_000)));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetCallerAsync(new GetCallerRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("TOKEN_TOO_LARGE", Reason(error));
    }
}

/// <summary>The same over real Kestrel, whose default header limits closed the connection (UNAVAILABLE, retried forever).</summary>
public sealed class KestrelTokenTests(KestrelSuiteFactory suite) : IClassFixture<KestrelSuiteFactory>
{
    [Fact]
    public async Task A_100_KB_token_over_http2_gets_an_answer_not_a_closed_connection()
    {
        var client = new IndicatorService.IndicatorServiceClient(suite.CreateChannel("Bearer " + new string('A', 100_000)));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ListPeriodsAsync(new ListPeriodsRequest(), deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync);

        Assert.True(error.StatusCode == StatusCode.Unauthenticated, error.Status.ToString());
        Assert.Equal("TOKEN_TOO_LARGE", Reason(error));
        Assert.Contains("16384", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connection_still_serves_a_valid_call_after_a_huge_token()
    {
        var channelWithHugeToken = suite.CreateChannel("Bearer " + new string('A', 100_000));
        await Assert.ThrowsAsync<RpcException>(() => new AccessService.AccessServiceClient(channelWithHugeToken).GetCallerAsync(new GetCallerRequest(), deadline: DateTime.UtcNow.AddSeconds(20)).ResponseAsync);

        var health = new global::Grpc.Health.V1.Health.HealthClient(channelWithHugeToken);
        var answer = await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(20));

        Assert.NotEqual(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Unknown, answer.Status);
    }
}
