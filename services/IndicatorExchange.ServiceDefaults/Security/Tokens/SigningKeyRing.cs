using IndicatorExchange.ServiceDefaults.Security.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace IndicatorExchange.ServiceDefaults.Security.Tokens;

/// <summary>
/// The signing keys as the configuration says now (re-read on every change, so keys rotate and are revoked
/// without a restart): the keys that validate, by id, and the one that signs.
/// </summary>
public sealed class SigningKeyRing(IOptionsMonitor<SecurityOptions> options)
{
    public const int MinimumSecretBytes = 32;

    /// <summary>The keys a token with this "kid" may be checked against: none when the id is unknown or revoked.</summary>
    public IEnumerable<SecurityKey> Resolve(string? keyId)
    {
        var key = options.CurrentValue.SigningKeys.LastOrDefault(k => k.Id == keyId && !k.Revoked);
        return key is null ? [] : [ToSecurityKey(key)];
    }

    /// <summary>The key new tokens are signed with.</summary>
    public SymmetricSecurityKey Active => ActiveOf(options.CurrentValue)
        ?? throw new InvalidOperationException(
            "No signing key is configured (Security:SigningKeys) and none could be generated: tokens cannot be issued.");

    /// <summary>The key that signs under these options: the active one, else the newest not revoked; null when none.</summary>
    public static SymmetricSecurityKey? ActiveOf(SecurityOptions current)
    {
        var usable = current.SigningKeys.Where(k => !k.Revoked).ToList();
        var key = (current.ActiveKeyId is { Length: > 0 } id ? usable.LastOrDefault(k => k.Id == id) : null) ?? usable.LastOrDefault();
        return key is null ? null : ToSecurityKey(key);
    }

    public static SymmetricSecurityKey ToSecurityKey(SigningKeyOptions key)
    {
        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(key.Secret);
        }
        catch (FormatException)
        {
            throw new InvalidOperationException($"Signing key '{key.Id}': Secret is not base64.");
        }
        if (secret.Length < MinimumSecretBytes)
        {
            throw new InvalidOperationException($"Signing key '{key.Id}': Secret must be at least {MinimumSecretBytes} bytes.");
        }
        return new SymmetricSecurityKey(secret) { KeyId = key.Id };
    }
}
