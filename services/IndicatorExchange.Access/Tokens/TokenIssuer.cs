using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Access.Tokens;

/// <summary>Issues users' tokens (JWT, HS256), signed with the active key of the ring.</summary>
internal sealed class TokenIssuer(SigningKeyRing keys, IOptionsMonitor<SecurityOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(366);

    public IssuedToken Issue(string subject, string role, string orgUnit, TimeSpan? lifetime = null) =>
        TokenSigner.Sign(keys, options.CurrentValue, subject, role, orgUnit, clock.GetUtcNow(), lifetime ?? DefaultLifetime);
}
