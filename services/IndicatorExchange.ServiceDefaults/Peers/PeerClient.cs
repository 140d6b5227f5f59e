using IndicatorExchange.Client;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.ServiceDefaults.Peers;

/// <summary>
/// How a service reaches the others: through the client library (<see cref="IndicatorExchangeClient"/>, its one retry
/// and reconnect policy), pointed at <see cref="PeerOptions"/>, every call carrying this service's own token, never the
/// token of the user whose request led to it.
/// </summary>
public static class PeerClient
{
    /// <summary>Deadline of a peer's unary call (a catalog page).</summary>
    public static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);

    /// <summary>Longest wait between two attempts to re-open a peer's feed.</summary>
    public static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Registers the peer client and, unless a module hosted in this process provides it in-process, the catalog read
    /// from the indicator service over gRPC (<see cref="PeerCatalogSource"/>).
    /// </summary>
    public static IServiceCollection AddPeerClient(this IServiceCollection services)
    {
        services.TryAddSingleton(sp => Create(sp.GetRequiredService<IOptions<PeerOptions>>().Value,
            sp.GetRequiredService<ServiceTokenProvider>(), sp.GetService<ILoggerFactory>()));
        services.TryAddSingleton<ICatalogSource, PeerCatalogSource>();
        return services;
    }

    public static IndicatorExchangeClient Create(PeerOptions peers, ServiceTokenProvider identity, ILoggerFactory? loggerFactory) => new(
        new IndicatorExchangeClientOptions
        {
            IndicatorAddress = peers.Indicator,
            TargetAddress = peers.Target,
            // No service calls the aggregation service: the indicator's channel stands in, so that no third one is made.
            AggregationAddress = peers.Indicator,
            BearerTokenProvider = () => identity.Token,
            Deadline = CallDeadline,
            WatchReconnectMaxDelay = MaxReconnectDelay,
            HandlerFactory = peers.HandlerFactory is { } factory ? () => new DeferredHandler(factory) : null,
            TrustedCertificate = peers.TrustedCertificate,
        },
        loggerFactory);

    /// <summary>
    /// Creates the replaced handler at the first call, not with the client: an in-process test's TestServer is not started
    /// yet when the hosted services that follow the peers' feeds are created.
    /// </summary>
    private sealed class DeferredHandler(Func<HttpMessageHandler> create) : HttpMessageHandler
    {
        // Not caching a failure: a call before the server started is retried once it has.
        private readonly Lazy<HttpMessageInvoker> _inner = new(() => new HttpMessageInvoker(create()), LazyThreadSafetyMode.PublicationOnly);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            _inner.Value.SendAsync(request, cancellationToken);

        protected override void Dispose(bool disposing)
        {
            if (disposing && _inner.IsValueCreated)
            {
                _inner.Value.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
