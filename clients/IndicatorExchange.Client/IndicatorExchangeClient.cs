using System.Runtime.CompilerServices;
using Grpc.Core;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;

namespace IndicatorExchange.Client;

/// <summary>
/// The three IndicatorExchange services behind one object, with the resilience gRPC and Polly intend:
/// <list type="bullet">
/// <item>a deadline on every unary call (<see cref="IndicatorExchangeClientOptions.Deadline"/>), the bearer token on every call;</item>
/// <item>the channel's retry policy on UNAVAILABLE only, for reads (Get*, List*) and for SubmitFigures and SetTargets,
/// which always carry a request id (set here when empty, also on the raw clients), so a retry is never applied twice;</item>
/// <item>UploadFigures retried whole, with the same request id, through Polly;</item>
/// <item>a Polly circuit breaker per service address around the library methods: once a service has been unreachable
/// <see cref="IndicatorExchangeClientOptions.CircuitBreakerFailures"/> times in a row, calls fail at once for
/// <see cref="IndicatorExchangeClientOptions.CircuitBreakDuration"/>. Both cases throw <see cref="ServiceUnavailableException"/>;</item>
/// <item>watch streams re-opened after a break with exponential backoff and jitter, resuming where they were.</item>
/// </list>
/// Every other error (INVALID_ARGUMENT with its field violations, NOT_FOUND, ALREADY_EXISTS, …) is thrown as the
/// <see cref="RpcException"/> the service answered. One instance is meant to live as long as the application.
/// </summary>
public sealed class IndicatorExchangeClient : IDisposable
{
    private const int PageSize = 1000;

    private readonly List<ServiceEndpoint> _endpoints = [];
    private readonly ServiceEndpoint _indicator;
    private readonly ServiceEndpoint _target;
    private readonly ServiceEndpoint _aggregation;
    private readonly ResiliencePipeline _reconnect;
    private readonly ILogger _logger;

    public IndicatorExchangeClient(IndicatorExchangeClientOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = Validate(Copy(options));
        var logger = _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("IndicatorExchange.Client");
        _indicator = EndpointFor(Options.IndicatorAddress);
        _target = EndpointFor(Options.TargetAddress);
        _aggregation = EndpointFor(Options.AggregationAddress);
        _reconnect = Reconnect.Pipeline(Options, logger);
        Indicators = new IndicatorService.IndicatorServiceClient(_indicator.Invoker);
        Targets = new TargetService.TargetServiceClient(_target.Invoker);
        Aggregation = new AggregationService.AggregationServiceClient(_aggregation.Invoker);
        Access = new Contracts.Access.V1.AccessService.AccessServiceClient(_indicator.Invoker);

        ServiceEndpoint EndpointFor(string address)
        {
            // One channel (and one circuit) per distinct address: all-in-one, the three services share them.
            var existing = _endpoints.Find(e => string.Equals(e.Address, address, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                return existing;
            }
            var endpoint = new ServiceEndpoint(address, Options, loggerFactory, logger);
            _endpoints.Add(endpoint);
            return endpoint;
        }
    }

    /// <summary>A copy of the options the client was created with.</summary>
    public IndicatorExchangeClientOptions Options { get; }

    /// <summary>
    /// The raw typed client of the indicator service. Its calls get the deadline, the bearer token, the channel's
    /// retry policy and a request id on SubmitFigures, but not the circuit breaker; errors are raw <see cref="RpcException"/>s.
    /// </summary>
    public IndicatorService.IndicatorServiceClient Indicators { get; }

    /// <summary>The raw typed client of the target service (see <see cref="Indicators"/>).</summary>
    public TargetService.TargetServiceClient Targets { get; }

    /// <summary>
    /// The raw typed client of the access service (tokens, the audit trail, "who am I") of the process at the
    /// indicator address; every process serves one, listing the writes it received.
    /// </summary>
    public Contracts.Access.V1.AccessService.AccessServiceClient Access { get; }

    /// <summary>The raw typed client of the aggregation service (see <see cref="Indicators"/>).</summary>
    public AggregationService.AggregationServiceClient Aggregation { get; }

    /// <summary>
    /// Submits one batch of figures. Sets <c>request_id</c> (a new GUID) on <paramref name="request"/> when it is
    /// empty, so that retries, and a later resend of the same request object, are applied at most once. Build a new
    /// request (or clear its request id) for a different batch: a request id reused for other figures is refused
    /// with ALREADY_EXISTS.
    /// </summary>
    /// <exception cref="ServiceUnavailableException">The service could not be reached, or its circuit is open.</exception>
    /// <exception cref="RpcException">The service refused the batch (INVALID_ARGUMENT, FAILED_PRECONDITION, ALREADY_EXISTS…).</exception>
    public Task<SubmitFiguresResponse> SubmitFiguresAsync(SubmitFiguresRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CallDefaultsInterceptor.EnsureRequestId(request);
        return InvokeAsync(_indicator, "SubmitFigures", token => Indicators.SubmitFiguresAsync(request, cancellationToken: token).ResponseAsync, cancellationToken);
    }

    /// <summary>
    /// Streams an upload: the header, then the batches, applied by the service as one atomic, idempotent unit.
    /// When the service is unavailable, the whole upload is sent again with the same request id (the batches are
    /// enumerated again, so pass a collection or a re-runnable iterator). An empty <paramref name="requestId"/> is
    /// replaced by a new GUID.
    /// </summary>
    /// <param name="requestId">Id of the whole upload; a repeat returns the first answer. Empty: a new GUID.</param>
    /// <param name="batches">The batches, each one org unit and period, in the order they are sent.</param>
    /// <param name="validateOnly">Validate and count exactly as if applied, but write nothing.</param>
    /// <param name="progress">Figures sent so far in the current attempt, reported after each batch (a retry starts again from the first batch).</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <exception cref="ServiceUnavailableException">The service could not be reached after every attempt, or its circuit is open.</exception>
    public async Task<UploadFiguresResponse> UploadFiguresAsync(string requestId, IEnumerable<UploadBatch> batches, bool validateOnly = false,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batches);
        var header = new UploadFiguresRequest
        {
            Header = new UploadHeader
            {
                RequestId = string.IsNullOrEmpty(requestId) ? CallDefaultsInterceptor.NewRequestId() : requestId,
                ValidateOnly = validateOnly,
            },
        };
        try
        {
            return await _indicator.Upload.ExecuteAsync(
                static (state, token) => new ValueTask<UploadFiguresResponse>(state.Self._indicator.Breaker.ExecuteAsync(
                    attempt => state.Self.UploadOnceAsync(state.header, state.batches, state.progress, attempt), token)),
                (Self: this, header, batches, progress), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (Unavailable(exception))
        {
            throw new ServiceUnavailableException(_indicator.Address, "UploadFigures", exception);
        }
    }

    /// <summary>Sets a batch of targets. Sets <c>request_id</c> on <paramref name="request"/> when it is empty.</summary>
    /// <exception cref="ServiceUnavailableException">The service could not be reached, or its circuit is open.</exception>
    public Task<SetTargetsResponse> SetTargetsAsync(SetTargetsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        CallDefaultsInterceptor.EnsureRequestId(request);
        return InvokeAsync(_target, "SetTargets", token => Targets.SetTargetsAsync(request, cancellationToken: token).ResponseAsync, cancellationToken);
    }

    /// <summary>The summary of an org unit and period (see GetSummary in the aggregation contract).</summary>
    /// <exception cref="ServiceUnavailableException">The service could not be reached, or its circuit is open.</exception>
    public async Task<Summary> GetSummaryAsync(GetSummaryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var response = await InvokeAsync(_aggregation, "GetSummary",
            token => Aggregation.GetSummaryAsync(request, cancellationToken: token).ResponseAsync, cancellationToken).ConfigureAwait(false);
        return response.Summary;
    }

    /// <summary>
    /// The summary, then the summary again whenever it changes, until cancelled. A broken stream is re-opened with
    /// exponential backoff and jitter; the summary the new stream starts with is skipped when it equals the last one
    /// yielded, so the same summary never comes twice in a row. Errors a new stream would repeat (NOT_FOUND,
    /// INVALID_ARGUMENT, …) are thrown.
    /// </summary>
    public async IAsyncEnumerable<Summary> WatchSummaryAsync(WatchSummaryRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var copy = request.Clone();
        Summary? last = null;
        using var stream = new ResumableStream<WatchSummaryResponse>(token => Aggregation.WatchSummary(copy, cancellationToken: token), _reconnect);
        while (true)
        {
            var summary = (await stream.NextAsync(cancellationToken).ConfigureAwait(false)).Summary;
            if (summary is null || summary.Equals(last))
            {
                continue;
            }
            last = summary.Clone();
            yield return summary;
        }
    }

    /// <summary>
    /// The change feed after <paramref name="afterSequence"/>, then every new change, until cancelled. After a break
    /// the stream is re-opened (backoff with jitter) after the last sequence yielded: every change comes exactly once
    /// and in order. Store the sequence of the last change processed and pass it here to resume after a restart.
    /// </summary>
    public async IAsyncEnumerable<Change> WatchChangesAsync(long afterSequence, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var last = afterSequence;
        using var stream = new ResumableStream<WatchChangesResponse>(
            token => Indicators.WatchChanges(new WatchChangesRequest { AfterSequence = last }, cancellationToken: token), _reconnect);
        while (true)
        {
            var message = await stream.NextAsync(cancellationToken).ConfigureAwait(false);
            foreach (var change in message.Changes)
            {
                if (change.Sequence <= last)
                {
                    continue;
                }
                last = change.Sequence;
                yield return change;
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="follow"/> (which reads a feed, a watch stream, until it breaks) again and again until
    /// <paramref name="stopping"/> is cancelled, with the watches' backoff and jitter after each failure: for a service
    /// following a peer's feed, which retries every error (a peer starting later, or with another key, is logged, then
    /// retried) since nobody but its log would hear of it. A stop ends it quietly, whatever the follower threw.
    /// </summary>
    /// <param name="feed">Names the feed in the log.</param>
    /// <param name="follow">Opens the stream and reads it until it breaks; it may return (then it runs again at once) or throw.</param>
    /// <param name="stopping">Ends the following: the host is stopping.</param>
    public Task FollowAsync(string feed, Func<CancellationToken, ValueTask> follow, CancellationToken stopping)
    {
        ArgumentNullException.ThrowIfNull(follow);
        return Reconnect.FollowForeverAsync(Reconnect.Forever(Options, _logger, feed, stopping), follow, stopping);
    }

    /// <summary>
    /// Every revision of one figure, oldest first (every page: a long history comes in pages under 3 MB). NOT_FOUND (an
    /// <see cref="RpcException"/>) when it was never submitted.
    /// </summary>
    /// <exception cref="ServiceUnavailableException">The service could not be reached, or its circuit is open.</exception>
    public async Task<IReadOnlyList<Figure>> GetFigureHistoryAsync(string orgUnit, string period, string indicator, CancellationToken cancellationToken = default)
    {
        var all = new List<Figure>();
        var pageToken = "";
        do
        {
            var request = new GetFigureHistoryRequest { OrgUnit = orgUnit, Period = period, Indicator = indicator, PageToken = pageToken };
            var page = await InvokeAsync(_indicator, "GetFigureHistory",
                token => Indicators.GetFigureHistoryAsync(request, cancellationToken: token).ResponseAsync, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Revisions);
            pageToken = page.NextPageToken;
        }
        while (pageToken.Length > 0);
        return all;
    }

    /// <summary>The whole indicator catalog, in report order (every page).</summary>
    /// <exception cref="ServiceUnavailableException">The service could not be reached, or its circuit is open.</exception>
    public Task<IReadOnlyList<Indicator>> ListAllIndicatorsAsync(CancellationToken cancellationToken = default) =>
        ListAllAsync<Indicator>("ListIndicators", async (pageToken, ct) =>
        {
            var page = await Indicators.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = PageSize, PageToken = pageToken }, cancellationToken: ct)
                .ResponseAsync.ConfigureAwait(false);
            return (page.Indicators, page.NextPageToken);
        }, cancellationToken);

    /// <summary>Every org unit ordered by code (every page), or only the direct children of <paramref name="parentCode"/>.</summary>
    /// <exception cref="ServiceUnavailableException">The service could not be reached, or its circuit is open.</exception>
    public Task<IReadOnlyList<OrgUnit>> ListAllOrgUnitsAsync(string parentCode = "", CancellationToken cancellationToken = default) =>
        ListAllAsync<OrgUnit>("ListOrgUnits", async (pageToken, ct) =>
        {
            var request = new ListOrgUnitsRequest { ParentCode = parentCode ?? "", PageSize = PageSize, PageToken = pageToken };
            var page = await Indicators.ListOrgUnitsAsync(request, cancellationToken: ct).ResponseAsync.ConfigureAwait(false);
            return (page.OrgUnits, page.NextPageToken);
        }, cancellationToken);

    /// <summary>Every reporting period the prefecture opened, ordered by code (every page).</summary>
    /// <exception cref="ServiceUnavailableException">The service could not be reached, or its circuit is open.</exception>
    public Task<IReadOnlyList<ReportingPeriod>> ListAllPeriodsAsync(CancellationToken cancellationToken = default) =>
        ListAllAsync<ReportingPeriod>("ListPeriods", async (pageToken, ct) =>
        {
            var page = await Indicators.ListPeriodsAsync(new ListPeriodsRequest { PageSize = PageSize, PageToken = pageToken }, cancellationToken: ct)
                .ResponseAsync.ConfigureAwait(false);
            return (page.Periods, page.NextPageToken);
        }, cancellationToken);

    public void Dispose()
    {
        foreach (var endpoint in _endpoints)
        {
            endpoint.Dispose();
        }
    }

    /// <summary>One unary call through the address's circuit breaker; unreachable becomes <see cref="ServiceUnavailableException"/>.</summary>
    private static async Task<T> InvokeAsync<T>(ServiceEndpoint endpoint, string method, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await endpoint.Breaker.ExecuteAsync(call, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (Unavailable(exception))
        {
            throw new ServiceUnavailableException(endpoint.Address, method, exception);
        }
    }

    /// <summary>Every page of a list of the indicator service, each page through its circuit breaker.</summary>
    private async Task<IReadOnlyList<T>> ListAllAsync<T>(string method, Func<string, CancellationToken, Task<(IEnumerable<T> Items, string Next)>> readPage,
        CancellationToken cancellationToken)
    {
        var all = new List<T>();
        var pageToken = "";
        do
        {
            var (items, next) = await InvokeAsync(_indicator, method, ct => readPage(pageToken, ct), cancellationToken).ConfigureAwait(false);
            all.AddRange(items);
            pageToken = next;
        }
        while (pageToken.Length > 0);
        return all;
    }

    private static bool Unavailable(Exception exception) =>
        exception is BrokenCircuitException || exception is RpcException rpc && ServiceEndpoint.IsUnreachable(rpc.StatusCode);

    private async Task<UploadFiguresResponse> UploadOnceAsync(UploadFiguresRequest header, IEnumerable<UploadBatch> batches, IProgress<int>? progress,
        CancellationToken cancellationToken)
    {
        using var call = Indicators.UploadFigures(cancellationToken: cancellationToken);
        if (await TryWriteAsync(call.RequestStream, header, cancellationToken).ConfigureAwait(false))
        {
            var sent = 0;
            var complete = true;
            foreach (var batch in batches)
            {
                if (!await TryWriteAsync(call.RequestStream, new UploadFiguresRequest { Batch = batch }, cancellationToken).ConfigureAwait(false))
                {
                    complete = false;
                    break;
                }
                sent += batch.Figures.Count;
                progress?.Report(sent);
            }
            if (complete)
            {
                await TryCompleteAsync(call.RequestStream, cancellationToken).ConfigureAwait(false);
            }
        }
        return await call.ResponseAsync.ConfigureAwait(false);
    }

    /// <summary>Writes one message; false when the call has already ended (its answer says why: a refusal, or the service gone).</summary>
    private static async Task<bool> TryWriteAsync(IClientStreamWriter<UploadFiguresRequest> stream, UploadFiguresRequest message, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async Task TryCompleteAsync(IClientStreamWriter<UploadFiguresRequest> stream, CancellationToken cancellationToken)
    {
        try
        {
            await stream.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is RpcException or InvalidOperationException or IOException && !cancellationToken.IsCancellationRequested)
        {
            // The call has already ended: its answer says why.
        }
    }

    private static IndicatorExchangeClientOptions Copy(IndicatorExchangeClientOptions options) => new()
    {
        IndicatorAddress = options.IndicatorAddress,
        TargetAddress = options.TargetAddress,
        AggregationAddress = options.AggregationAddress,
        Deadline = options.Deadline,
        UploadDeadline = options.UploadDeadline,
        BearerToken = options.BearerToken,
        BearerTokenProvider = options.BearerTokenProvider,
        MaxAttempts = options.MaxAttempts,
        RetryInitialBackoff = options.RetryInitialBackoff,
        RetryMaxBackoff = options.RetryMaxBackoff,
        CircuitBreakerFailures = options.CircuitBreakerFailures,
        CircuitBreakDuration = options.CircuitBreakDuration,
        WatchReconnectDelay = options.WatchReconnectDelay,
        WatchReconnectMaxDelay = options.WatchReconnectMaxDelay,
        HandlerFactory = options.HandlerFactory,
        TrustedCertificate = options.TrustedCertificate,
    };

    private static IndicatorExchangeClientOptions Validate(IndicatorExchangeClientOptions options)
    {
        foreach (var (name, address) in new[]
                 {
                     (nameof(options.IndicatorAddress), options.IndicatorAddress),
                     (nameof(options.TargetAddress), options.TargetAddress),
                     (nameof(options.AggregationAddress), options.AggregationAddress),
                 })
        {
            var schemes = ReplicaAddresses.Split(address ?? "").Select(a => Uri.TryCreate(a, UriKind.Absolute, out var uri) ? uri.Scheme : null).ToList();
            if (schemes.Count == 0 || schemes.Any(scheme => scheme is not ("http" or "https")))
            {
                throw new ArgumentException($"{name} must be an absolute http:// or https:// address (or several replicas' addresses, comma-separated), not '{address}'.", nameof(options));
            }
            if (schemes.Distinct().Count() > 1)
            {
                throw new ArgumentException($"{name}: the replicas' addresses must all be http:// or all https://, not '{address}'.", nameof(options));
            }
        }
        if (options.Deadline <= TimeSpan.Zero || options.UploadDeadline <= TimeSpan.Zero)
        {
            throw new ArgumentException("Deadline and UploadDeadline must be positive.", nameof(options));
        }
        if (options.MaxAttempts < 1)
        {
            throw new ArgumentException("MaxAttempts must be at least 1.", nameof(options));
        }
        return options;
    }
}
