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

    public IssuedToken Issue(string subject, string role, string orgUnit, TimeSpan? lifetime = null) =>
        Sign(keys.Active, options.CurrentValue.Issuer, options.CurrentValue.Audience, subject, role, orgUnit, clock.GetUtcNow(), lifetime ?? DefaultLifetime);

    /// <summary>Signs a token with a given key (tools and tests that hold the key file use this directly).</summary>
    public static IssuedToken Sign(SymmetricSecurityKey key, string issuer, string audience, string subject, string role, string orgUnit,
        DateTimeOffset now, TimeSpan lifetime)
    {
        var expires = now + lifetime;
        var tokenId = Guid.NewGuid().ToString("N");
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
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
