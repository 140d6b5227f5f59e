using System.Globalization;
using Grpc.Core;
using Polly;
using Polly.Retry;

namespace IndicatorExchange.Client;

/// <summary>
/// For callers that make a call per row (the admin imports): a call refused by the suite's per-subject rate limit
/// (RESOURCE_EXHAUSTED with a <c>retry-after</c> of whole seconds; the limiter refuses before the service does anything,
/// so sending it again is safe) is sent again after that wait, so that loading a national tree under the default limit
/// (100 calls a second after a burst of 1,000) completes instead of failing part-way. Any other failure is the caller's.
/// </summary>
public static class RateLimitRetry
{
    private const int MaxAttempts = 60;

    private static readonly ResiliencePipeline Pipeline = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode == StatusCode.ResourceExhausted && RetryAfter(e) is not null),
            MaxRetryAttempts = MaxAttempts,
            // The wait the suite asks for, spread a little so that the calls in flight do not all come back at once.
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                (args.Outcome.Exception is RpcException e ? RetryAfter(e) : null) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250))),
        })
        .Build();

    /// <summary>Runs <paramref name="call"/>, again after each rate-limit refusal, as long as the suite names a wait.</summary>
    public static ValueTask<T> ExecuteAsync<T>(Func<CancellationToken, ValueTask<T>> call, CancellationToken cancellationToken = default) =>
        Pipeline.ExecuteAsync(call, cancellationToken);

    /// <summary>The wait a rate-limited call names: its retry-after header, in seconds (a trailers-only answer carries it in the trailers).</summary>
    private static TimeSpan? RetryAfter(RpcException exception) =>
        exception.Trailers.GetValue("retry-after") is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
