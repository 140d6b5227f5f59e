using IndicatorExchange.ServiceDefaults.Security.Tokens;

namespace IndicatorExchange.Access.Tokens;

/// <summary>Tokens signed on the server, without a running service, with the key file of a data directory.</summary>
internal static class KeyFileTokens
{
    /// <summary>Signs a token with the active key of the data directory's key file; null when there is no such file or key.</summary>
    public static IssuedToken? Sign(string dataDirectory, string subject, string role, string orgUnit, TimeSpan lifetime)
    {
        var options = SigningKeyFile.Read(SigningKeyFile.DefaultPath(dataDirectory));
        var key = options is null ? null : SigningKeyRing.ActiveOf(options);
        return key is null ? null
            : TokenSigner.Sign(key, options!.Issuer, options.Audience, subject, role, orgUnit, DateTimeOffset.UtcNow, lifetime);
    }
}
