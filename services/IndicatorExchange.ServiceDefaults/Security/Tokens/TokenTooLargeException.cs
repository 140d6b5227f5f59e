using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace IndicatorExchange.ServiceDefaults.Security.Tokens;

/// <summary>A bearer token longer than Limits:MaxTokenBytes: refused before it is parsed, answered TOKEN_TOO_LARGE.</summary>
public sealed class TokenTooLargeException(int length, int limit)
    : SecurityTokenException($"The bearer token is {length} characters long; at most {limit} are read.")
{
    public int Length { get; } = length;

    public int Limit { get; } = limit;

    /// <summary>Fails the authentication of a request whose authorization header is longer than <paramref name="limit"/>.</summary>
    public static Task Refuse(MessageReceivedContext context, int limit)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (header.Length > limit)
        {
            context.Fail(new TokenTooLargeException(header.Length, limit));
        }
        return Task.CompletedTask;
    }
}
