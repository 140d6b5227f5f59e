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
