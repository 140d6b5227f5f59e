using IndicatorExchange.ServiceDefaults.Security;
using IndicatorExchange.ServiceDefaults.Security.Tokens;

namespace IndicatorExchange.Host;

/// <summary>
/// Tokens the binary signs itself, on the server, with the key of its data directory: the one <c>issue-token</c> prints,
/// and the short-lived administrator token of an admin command given no <c>--token</c>.
/// </summary>
public static class CommandCredentials
{
    /// <summary>Signs a token with the active key of the data directory's key file; null when there is no such file.</summary>
    public static IssuedToken? Sign(string dataDirectory, string subject, string role, string orgUnit, TimeSpan lifetime)
    {
        var options = SigningKeyFile.Read(SigningKeyFile.DefaultPath(dataDirectory));
        var key = options is null ? null : SigningKeyRing.ActiveOf(options);
        return key is null ? null
            : TokenIssuer.Sign(key, options!.Issuer, options.Audience, subject, role, orgUnit, DateTimeOffset.UtcNow, lifetime);
    }

    /// <summary>An administrator token for 30 minutes; null when the data directory holds no key (the call then goes without one).</summary>
    public static string? AdministratorToken(string dataDirectory) =>
        Sign(dataDirectory, $"admin-cli:{Environment.UserName}", Roles.Administrator, "", TimeSpan.FromMinutes(30))?.Token;
}
