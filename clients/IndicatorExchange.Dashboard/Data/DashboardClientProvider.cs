using IndicatorExchange.Client;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Dashboard.Data;

/// <summary>
/// The one <see cref="IndicatorExchangeClient"/> of the dashboard, carrying the bearer token when one is configured.
/// With a token file, the client is rebuilt when the file changes (a renewed token), so a long-open page keeps working.
/// </summary>
public sealed class DashboardClientProvider(IOptions<DashboardOptions> options, ILoggerFactory loggerFactory) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly List<IndicatorExchangeClient> _retired = [];
    private IndicatorExchangeClient? _client;
    private string? _token;

    /// <summary>The client for the token as it stands now.</summary>
    /// <exception cref="DashboardConfigurationException">The configured token file cannot be read.</exception>
    public IndicatorExchangeClient Client
    {
        get
        {
            var token = TokenSource.Read(options.Value);
            lock (_gate)
            {
                if (_client is null || !string.Equals(token, _token, StringComparison.Ordinal))
                {
                    if (_client is not null)
                    {
                        // Open watches may still use it; it is disposed with the provider.
                        _retired.Add(_client);
                    }
                    _client = new IndicatorExchangeClient(ClientOptions(options.Value, token), loggerFactory);
                    _token = token;
                }
                return _client;
            }
        }
    }

    /// <summary>The client library's options for the dashboard's addresses and token.</summary>
    public static IndicatorExchangeClientOptions ClientOptions(DashboardOptions dashboard, string? token) => new()
    {
        AggregationAddress = dashboard.AggregationAddress,
        IndicatorAddress = dashboard.IndicatorAddress,
        TargetAddress = dashboard.TargetAddress,
        BearerToken = token,
        Deadline = TimeSpan.FromSeconds(15),
    };

    public void Dispose()
    {
        lock (_gate)
        {
            _client?.Dispose();
            _retired.ForEach(c => c.Dispose());
        }
    }
}
