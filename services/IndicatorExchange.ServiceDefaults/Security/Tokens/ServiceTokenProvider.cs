using System.Reflection;
using Grpc.Core;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.ServiceDefaults.Security.Tokens;

/// <summary>
/// The identity a service uses when it calls another (the aggregator reading the change feed and the catalog):
/// a short-lived service token, renewed well before it expires. Never a user's token.
/// </summary>
public sealed class ServiceTokenProvider(SigningKeyRing keys, IOptionsMonitor<SecurityOptions> options, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);
    private static readonly string Subject = $"service:{Assembly.GetEntryAssembly()?.GetName().Name ?? "indicatorexchange"}";
    private IssuedToken? _current;

    public string Token
    {
        get
        {
            var current = _current;
            var now = clock.GetUtcNow();
            if (current is null || current.ExpiresAt - now < Lifetime / 3)
            {
                current = _current = TokenSigner.Sign(keys, options.CurrentValue, Subject, Roles.Service, "", now, Lifetime);
            }
            return current.Token;
        }
    }

    /// <summary>Call credentials adding the service token to every call of a channel.</summary>
    public CallCredentials Credentials => CallCredentials.FromInterceptor((_, metadata) =>
    {
        metadata.Add("authorization", $"Bearer {Token}");
        return Task.CompletedTask;
    });
}
