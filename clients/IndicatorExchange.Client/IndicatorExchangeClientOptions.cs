namespace IndicatorExchange.Client;

/// <summary>
/// Where the services are and how calls to them behave. Bound from the configuration section
/// <c>IndicatorExchange</c> (<see cref="Section"/>) by
/// <see cref="ServiceCollectionExtensions.AddIndicatorExchangeClient(Microsoft.Extensions.DependencyInjection.IServiceCollection, Microsoft.Extensions.Configuration.IConfiguration)"/>.
/// </summary>
public sealed class IndicatorExchangeClientOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "IndicatorExchange";

    /// <summary>
    /// Base address of the indicator service. All-in-one (the default): the three addresses are the same. Several replicas
    /// of a service: their addresses comma-separated (<c>http://a:5101,http://b:5101</c>); calls go to the first that
    /// answers and move on when it fails (gRPC's pick_first balancing). The same holds for the other two addresses.
    /// </summary>
    public string IndicatorAddress { get; set; } = "http://127.0.0.1:5100";

    /// <summary>Base address of the target service.</summary>
    public string TargetAddress { get; set; } = "http://127.0.0.1:5100";

    /// <summary>Base address of the aggregation service.</summary>
    public string AggregationAddress { get; set; } = "http://127.0.0.1:5100";

    /// <summary>Deadline of every unary call (retries included) that does not set its own.</summary>
    public TimeSpan Deadline { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deadline of one UploadFigures attempt (a client stream of up to 500,000 figures).</summary>
    public TimeSpan UploadDeadline { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>When set, sent on every call as <c>authorization: Bearer …</c>.</summary>
    public string? BearerToken { get; set; }

    /// <summary>
    /// When set, asked for the token of every call instead of <see cref="BearerToken"/>: a token that is renewed while the
    /// client lives (a service calling its peers with its own short-lived token).
    /// </summary>
    public Func<string>? BearerTokenProvider { get; set; }

    /// <summary>
    /// Attempts per call on UNAVAILABLE (the first one included): the channel's retry policy for reads and
    /// writes carrying a request id, Polly for a whole UploadFigures. 1 turns retries off.
    /// </summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; each further retry doubles it (with jitter), up to <see cref="RetryMaxBackoff"/>.</summary>
    public TimeSpan RetryInitialBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between two retries.</summary>
    public TimeSpan RetryMaxBackoff { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Calls in a row that find a service unreachable (UNAVAILABLE or DEADLINE_EXCEEDED after the retries) before
    /// its circuit opens; at least 2. Any answer from the service, an error included, counts as reachable.
    /// </summary>
    public int CircuitBreakerFailures { get; set; } = 5;

    /// <summary>How long an open circuit fails calls at once before it lets one through to probe the service.</summary>
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First delay before re-opening a broken watch stream; it doubles (with jitter) while re-opening fails.</summary>
    public TimeSpan WatchReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay between two attempts to re-open a watch stream.</summary>
    public TimeSpan WatchReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Replaces the network handler; tests route calls to a TestServer with it.</summary>
    public Func<HttpMessageHandler>? HandlerFactory { get; set; }

    /// <summary>
    /// A certificate the services are trusted to present even when no authority vouches for it (a suite's own
    /// self-signed certificate); any certificate an authority vouches for is accepted too.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TrustedCertificate { get; set; }
}
