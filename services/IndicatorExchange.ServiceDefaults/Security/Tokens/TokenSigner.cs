using System.Security.Claims;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IndicatorExchange.ServiceDefaults.Security.Tokens;

/// <summary>A signed token and what it says.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt, string KeyId, string TokenId);

/// <summary>
/// Signs a token (JWT, HS256) with a given key: what every process needs for its own service identity
/// (<see cref="ServiceTokenProvider"/>), and what tools and tests that hold the key file use directly.
/// </summary>
public static class TokenSigner
{
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

    /// <summary>Signs with the ring's active key, issuer and audience as the options say now.</summary>
    public static IssuedToken Sign(SigningKeyRing keys, SecurityOptions options, string subject, string role, string orgUnit,
        DateTimeOffset now, TimeSpan lifetime) =>
        Sign(keys.Active, options.Issuer, options.Audience, subject, role, orgUnit, now, lifetime);
}
