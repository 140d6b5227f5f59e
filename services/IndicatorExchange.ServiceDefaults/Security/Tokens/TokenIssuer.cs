using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IndicatorExchange.ServiceDefaults.Security.Tokens;

/// <summary>A signed token and what it says.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt, string KeyId, string TokenId);

/// <summary>Signs tokens (JWT, HS256) with the active key of the ring.</summary>
public sealed class TokenIssuer(SigningKeyRing keys, IOptionsMonitor<SecurityOptions> options, TimeProvider clock)
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(366);

    public IssuedToken Issue(string subject, string role, string orgUnit, TimeSpan? lifetime = null)
    {
        var key = keys.Active;
        var now = clock.GetUtcNow();
        var expires = now + (lifetime ?? DefaultLifetime);
        var tokenId = Guid.NewGuid().ToString("N");
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.CurrentValue.Issuer,
            Audience = options.CurrentValue.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Subject = new ClaimsIdentity(
            [
                new Claim(Caller.SubjectClaim, subject),
                new Claim(Caller.RoleClaim, role),
                new Claim(Caller.OrgUnitClaim, orgUnit),
                new Claim(Caller.TokenIdClaim, tokenId),
            ]),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()), key.KeyId, tokenId);
    }
}
