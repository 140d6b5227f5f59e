using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Configuration;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.ServiceDefaults.Peers;

/// <summary>Where the other services of the suite are, and (in tests) how to reach them.</summary>
public sealed class PeerOptions
{
    public const string Section = "Peers";

    /// <summary>Base address of the indicator service, e.g. http://127.0.0.1:5101.</summary>
    public string Indicator { get; set; } = "http://127.0.0.1:5101";

    /// <summary>Base address of the target service, e.g. http://127.0.0.1:5102.</summary>
    public string Target { get; set; } = "http://127.0.0.1:5102";

    /// <summary>
    /// A certificate peers are trusted to present even when no authority vouches for it: the suite's own
    /// certificate, so that services sharing one self-signed certificate can call each other over TLS.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TrustedCertificate { get; set; }

    /// <summary>Replaces the network handler (in-process tests route calls to a TestServer).</summary>
    public Func<HttpMessageHandler>? HandlerFactory { get; set; }
}

/// <summary>
/// One gRPC channel per peer, shared by every caller. Unary calls are retried by the channel
/// on UNAVAILABLE only (AIP-194); callers set a deadline on every call. Every call carries this service's own
/// identity (a service token), never the token of the user whose request led to it.
/// </summary>
public sealed class PeerChannels(IOptions<PeerOptions> options, ServiceTokenProvider identity) : IDisposable
{
    private readonly ConcurrentDictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    public GrpcChannel Indicator => For(options.Value.Indicator);

    public GrpcChannel Target => For(options.Value.Target);

    public void Dispose()
    {
        foreach (var channel in _channels.Values)
        {
            channel.Dispose();
        }
    }

    private GrpcChannel For(string address) => _channels.GetOrAdd(address, Create);

    private GrpcChannel Create(string address)
    {
        var channelOptions = new GrpcChannelOptions
        {
            ServiceConfig = new ServiceConfig { MethodConfigs = { RetryOnUnavailable() } },
            MaxReceiveMessageSize = 64 * 1024 * 1024,
            Credentials = address.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
                ? ChannelCredentials.Create(ChannelCredentials.SecureSsl, identity.Credentials)
                : ChannelCredentials.Create(ChannelCredentials.Insecure, identity.Credentials),
            // Loopback and in-cluster peers without TLS still need the service token.
            UnsafeUseInsecureChannelCallCredentials = true,
        };
        if (options.Value.HandlerFactory is { } factory)
        {
            channelOptions.HttpHandler = factory();
        }
        else if (options.Value.TrustedCertificate is { } trusted)
        {
            channelOptions.HttpHandler = new SocketsHttpHandler
            {
                EnableMultipleHttp2Connections = true,
                SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    errors == System.Net.Security.SslPolicyErrors.None || certificate?.GetCertHashString() == trusted.GetCertHashString() },
            };
        }
        return GrpcChannel.ForAddress(address, channelOptions);
    }

    private static MethodConfig RetryOnUnavailable() => new()
    {
        Names = { MethodName.Default },
        RetryPolicy = new RetryPolicy
        {
            MaxAttempts = 5,
            InitialBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(3),
            BackoffMultiplier = 2,
            RetryableStatusCodes = { StatusCode.Unavailable },
        },
    };
}
