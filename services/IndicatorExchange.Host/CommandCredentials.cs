using IndicatorExchange.Access.Tokens;
using IndicatorExchange.ServiceDefaults.Security;

namespace IndicatorExchange.Host;

/// <summary>
/// How the binary's admin commands authenticate when no <c>--token</c> (or IX_TOKEN) is given: run on the server with
/// access to its data directory, a short-lived administrator token signed with the suite's key.
/// </summary>
public static class CommandCredentials
{
    /// <summary>An administrator token for 30 minutes; null when the data directory holds no key (the call then goes without one).</summary>
    public static string? AdministratorToken(string dataDirectory) =>
        KeyFileTokens.Sign(dataDirectory, $"admin-cli:{Environment.UserName}", Roles.Administrator, "", TimeSpan.FromMinutes(30))?.Token;
}
