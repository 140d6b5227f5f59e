using Grpc.Core;
using IndicatorExchange.Contracts.Access.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Security;

/// <summary>Only tokens signed by a valid key of the suite, for its audience and issuer, and not expired, get in.</summary>
public sealed class TokenValidationTests(KeyRotationSuiteFactory suite) : IClassFixture<KeyRotationSuiteFactory>
{
    [Fact]
    public async Task A_token_from_either_valid_key_is_accepted_so_keys_rotate_without_downtime()
    {
        var fromActive = suite.Issue("yining-stats", Roles.CountyReporter, "654002");
        var fromSecond = Sign(KeyRotationSuiteFactory.SecondKeyId, KeyRotationSuiteFactory.SecondSecret);

        var first = await CallerAsync(fromActive);
        var second = await CallerAsync(fromSecond);

        Assert.Equal(("yining-stats", Role.CountyReporter, "654002"), (first.Subject, first.Role, first.OrgUnit));
        Assert.Equal(("xinyuan-stats", Role.CountyReporter, "654025"), (second.Subject, second.Role, second.OrgUnit));
    }

    [Fact]
    public async Task An_expired_token_is_refused_as_expired()
    {
        var expired = Sign(TestKeys.KeyId, TestKeys.Secret, issuedAt: DateTimeOffset.UtcNow.AddHours(-2), lifetime: TimeSpan.FromHours(1));

        await AssertRefusedAsync(expired, "TOKEN_EXPIRED");
    }

    [Fact]
    public async Task A_token_signed_with_another_secret_under_a_valid_key_id_is_refused()
    {
        var forged = Sign(TestKeys.KeyId, KeyRotationSuiteFactory.SecondSecret);

        await AssertRefusedAsync(forged, "TOKEN_INVALID");
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var elsewhere = Sign(TestKeys.KeyId, TestKeys.Secret, audience: "another-system");

        await AssertRefusedAsync(elsewhere, "TOKEN_INVALID");
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_refused()
    {
        var elsewhere = Sign(TestKeys.KeyId, TestKeys.Secret, issuer: "someone-else");

        await AssertRefusedAsync(elsewhere, "TOKEN_INVALID");
    }

    [Fact]
    public async Task A_token_signed_with_a_revoked_key_is_refused()
    {
        var revoked = Sign(KeyRotationSuiteFactory.RevokedKeyId, KeyRotationSuiteFactory.RevokedSecret);

        await AssertRefusedAsync(revoked, "TOKEN_INVALID");
    }

    [Fact]
    public async Task A_call_without_a_token_or_with_garbage_is_unauthenticated_and_writes_nothing()
    {
        await AssertRefusedAsync(null, "TOKEN_MISSING");
        await AssertRefusedAsync("not-a-jwt", "TOKEN_INVALID");

        var anonymous = new Contracts.Indicator.V1.IndicatorService.IndicatorServiceClient(suite.CreateChannel((string?)null));
        var error = await Assert.ThrowsAsync<RpcException>(() => anonymous.SubmitFiguresAsync(Batch("654025", "2023", Figure("GDP", "1", "亿元"))).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        var figures = await new Contracts.Indicator.V1.IndicatorService.IndicatorServiceClient(suite.CreateChannel())
            .ListFiguresAsync(new Contracts.Indicator.V1.ListFiguresRequest { OrgUnit = "654025", Period = "2023" });
        Assert.Empty(figures.Figures);
    }

    [Fact]
    public async Task Health_needs_no_token()
    {
        var health = new global::Grpc.Health.V1.Health.HealthClient(suite.CreateChannel((string?)null));

        var answer = await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest());

        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, answer.Status);
    }

    private async Task<GetCallerResponse> CallerAsync(string token) =>
        await new AccessService.AccessServiceClient(suite.CreateChannel(token)).GetCallerAsync(new GetCallerRequest());

    private async Task AssertRefusedAsync(string? token, string reason)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallerAsync(token!));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal(reason, Reason(error));
    }

    private static string Sign(string keyId, string secret, DateTimeOffset? issuedAt = null, TimeSpan? lifetime = null,
        string audience = "indicatorexchange", string issuer = "indicatorexchange") =>
        TokenSigner.Sign(SigningKeyRing.ToSecurityKey(new SigningKeyOptions { Id = keyId, Secret = secret }), issuer, audience,
            "xinyuan-stats", Roles.CountyReporter, "654025", issuedAt ?? DateTimeOffset.UtcNow, lifetime ?? TimeSpan.FromHours(1)).Token;
}
