using IndicatorExchange.Target.Storage;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace IndicatorExchange.Services.Tests.Security;

/// <summary>A suite with three keys: the active test key, a second valid key (rotation), and a revoked one.</summary>
public sealed class KeyRotationSuiteFactory : SuiteFactory
{
    public const string SecondKeyId = "test-key-2";
    public const string SecondSecret = "c2Vjb25kLXRlc3Qtc2lnbmluZy1rZXktMzItYnl0ZXM=";
    public const string RevokedKeyId = "test-key-revoked";
    public const string RevokedSecret = "cmV2b2tlZC10ZXN0LXNpZ25pbmcta2V5LTMyLWJ5dGU=";

    protected override string Demo => "reference";

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("Security:ActiveKeyId", TestKeys.KeyId),
        ("Security:SigningKeys:1:Id", SecondKeyId),
        ("Security:SigningKeys:1:Secret", SecondSecret),
        ("Security:SigningKeys:2:Id", RevokedKeyId),
        ("Security:SigningKeys:2:Secret", RevokedSecret),
        ("Security:SigningKeys:2:Revoked", "true"),
    ];
}

/// <summary>A suite with tight limits: 3 calls at once and 1 a second per subject, 2 figures a batch, 64 KiB messages.</summary>
public sealed class TightLimitsSuiteFactory : SuiteFactory
{
    protected override string Demo => "reference";

    protected override int RequestsPerSecond => 1;

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
    [
        ("Limits:Burst", "3"),
        ("Limits:MaxFiguresPerBatch", "2"),
        ("Limits:MaxMessageBytes", "65536"),
    ];
}

/// <summary>
/// A suite whose target store takes 30 s to list targets, with a server-side limit of half a second on unary
/// calls: what a stuck query looks like to a client that set no deadline.
/// </summary>
public sealed class SlowStoreSuiteFactory : SuiteFactory
{
    public static readonly TimeSpan Limit = TimeSpan.FromMilliseconds(500);

    protected override string Demo => "reference";

    protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
        [("Limits:MaxUnaryDuration", Limit.ToString())];

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            var real = services.Last(d => d.ServiceType == typeof(ITargetStore));
            services.Remove(real);
            services.AddSingleton<ITargetStore>(sp => new SlowListing((ITargetStore)real.ImplementationFactory!(sp)));
        });
    }

    private sealed class SlowListing(ITargetStore inner) : ITargetStore
    {
        public async Task<IReadOnlyList<StoredTarget>> ListCurrentAsync(TargetQuery query, CancellationToken cancellationToken)
        {
            await Task.Delay(TimeSpan.FromSeconds(30), cancellationToken);
            return await inner.ListCurrentAsync(query, cancellationToken);
        }

        public Task<ApplyOutcome> ApplyAsync(TargetBatch batch, bool validateOnly, Func<TargetCounts, byte[]> encodeResponse, CancellationToken cancellationToken) =>
            inner.ApplyAsync(batch, validateOnly, encodeResponse, cancellationToken);

        public Task<IReadOnlyList<StoredTarget>> HistoryAsync(TargetKey key, CancellationToken cancellationToken) =>
            inner.HistoryAsync(key, cancellationToken);

        public Task<IReadOnlyList<StoredTarget>> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken) =>
            inner.ReadChangesAsync(afterSequence, limit, cancellationToken);

        public Task<IReadOnlyList<StoredTarget>> ListFloorsAsync(IReadOnlyCollection<string> orgUnits, IReadOnlyCollection<string> indicators,
            IReadOnlyCollection<int> years, CancellationToken cancellationToken) =>
            inner.ListFloorsAsync(orgUnits, indicators, years, cancellationToken);
    }
}
