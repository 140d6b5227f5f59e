namespace IndicatorExchange.ServiceDefaults.Security.Identity;

/// <summary>The "Security" configuration section: who signs tokens and what a valid token looks like.</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>The "iss" every token carries and every service requires.</summary>
    public string Issuer { get; set; } = "indicatorexchange";

    /// <summary>The "aud" every token carries and every service requires.</summary>
    public string Audience { get; set; } = "indicatorexchange";

    /// <summary>
    /// The keys a token may be signed with, by id ("kid"). Several may be valid at once, so that a new key can
    /// be introduced, made active, and the old one removed once its tokens have expired, without downtime.
    /// When none is configured, the suite generates one into <see cref="KeysFile"/> on first start.
    /// </summary>
    public List<SigningKeyOptions> SigningKeys { get; set; } = [];

    /// <summary>The key new tokens are signed with; the newest valid key when unset.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>Where the generated keys are kept (reloaded on change); default &lt;DataDirectory&gt;/keys/signing-keys.json.</summary>
    public string? KeysFile { get; set; }

    /// <summary>Tolerance for clocks that disagree, applied to expiry and not-before.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>One HMAC-SHA256 signing key.</summary>
public sealed class SigningKeyOptions
{
    /// <summary>The key id ("kid") tokens name in their header.</summary>
    public string Id { get; set; } = "";

    /// <summary>The secret, base64, at least 32 bytes.</summary>
    public string Secret { get; set; } = "";

    /// <summary>A revoked key validates nothing: every token it signed is refused at once.</summary>
    public bool Revoked { get; set; }
}
