using System.Runtime.ExceptionServices;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;

namespace IndicatorExchange.Client;

/// <summary>
/// A Polly circuit breaker (<see cref="CircuitBreakerStrategyOptions"/>) that opens after N calls in a row found the
/// service unreachable. Polly v8's breaker counts a failure ratio over a sampling window, where one earlier success
/// keeps the ratio below 1; so while the circuit is closed only failures are reported to it (ratio 1, minimum
/// throughput N), and any answer from the service starts a fresh breaker. Once it is open, every call goes through
/// Polly, which fails it at once until the break is over and then lets one call probe the service.
/// </summary>
internal sealed class ConsecutiveFailureBreaker
{
    private readonly IndicatorExchangeClientOptions _options;
    private readonly string _address;
    private readonly ILogger _logger;
    private Breaker _current;

    public ConsecutiveFailureBreaker(IndicatorExchangeClientOptions options, string address, ILogger logger)
    {
        _options = options;
        _address = address;
        _logger = logger;
        _current = Create();
    }

    /// <summary>The circuit's state now (Closed, Open, HalfOpen).</summary>
    public CircuitState State => Volatile.Read(ref _current).State.CircuitState;

    /// <summary>Runs <paramref name="call"/> unless the circuit is open (then throws <see cref="BrokenCircuitException"/>).</summary>
    public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var breaker = Volatile.Read(ref _current);
        if (breaker.State.CircuitState != CircuitState.Closed)
        {
            var probed = await breaker.Pipeline.ExecuteAsync(static (call, token) => new ValueTask<T>(call(token)), call, cancellationToken).ConfigureAwait(false);
            Reached(breaker);
            return probed;
        }
        T result;
        try
        {
            result = await call(cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException exception) when (ServiceEndpoint.IsUnreachable(exception.StatusCode))
        {
            Interlocked.Increment(ref breaker.Failures);
            // Reports the failure to Polly, which rethrows it (or BrokenCircuitException if the circuit opened meanwhile).
            await breaker.Pipeline.ExecuteAsync(static (failure, _) =>
            {
                failure.Throw();
                return ValueTask.CompletedTask;
            }, ExceptionDispatchInfo.Capture(exception), CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        catch (RpcException exception) when (exception.StatusCode != StatusCode.Cancelled)
        {
            Reached(breaker);
            throw;
        }
        Reached(breaker);
        return result;
    }

    /// <summary>The service answered: the failures so far are no longer consecutive.</summary>
    private void Reached(Breaker breaker)
    {
        if (Volatile.Read(ref breaker.Failures) > 0)
        {
            Interlocked.CompareExchange(ref _current, Create(), breaker);
        }
    }

    private Breaker Create()
    {
        var state = new CircuitBreakerStateProvider();
        var pipeline = new ResiliencePipelineBuilder()
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 1.0,
                MinimumThroughput = Math.Max(2, _options.CircuitBreakerFailures),
                SamplingDuration = TimeSpan.FromDays(1),
                BreakDuration = _options.CircuitBreakDuration < TimeSpan.FromMilliseconds(500) ? TimeSpan.FromMilliseconds(500) : _options.CircuitBreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => ServiceEndpoint.IsUnreachable(e.StatusCode)),
                StateProvider = state,
                OnOpened = args =>
                {
                    _logger.LogWarning("{Address} unreachable ({Error}); circuit open for {Duration}", _address, args.Outcome.Exception?.Message, args.BreakDuration);
                    return ValueTask.CompletedTask;
                },
                OnHalfOpened = _ =>
                {
                    _logger.LogInformation("{Address}: circuit half-open, the next call probes the service", _address);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    _logger.LogInformation("{Address} answers again; circuit closed", _address);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
        return new Breaker(pipeline, state);
    }

    private sealed class Breaker(ResiliencePipeline pipeline, CircuitBreakerStateProvider state)
    {
        public int Failures;

        public ResiliencePipeline Pipeline { get; } = pipeline;

        public CircuitBreakerStateProvider State { get; } = state;
    }
}
