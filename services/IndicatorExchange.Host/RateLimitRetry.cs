using System.Globalization;
using Grpc.Core;
using Polly;
using Polly.Retry;

namespace IndicatorExchange.Host;

/// <summary>
/// For the import commands, which make a call per row: a call refused by the suite's per-subject rate limit
/// (RESOURCE_EXHAUSTED with a <c>retry-after</c> of whole seconds) is sent again after that wait, so that loading a
/// national tree under the default limit (100 calls a second after a burst of 1,000) completes instead of failing
/// part-way. Any other failure is left to the caller.
/// </summary>
public static class RateLimitRetry
{
    private const int MaxAttempts = 60;

    public static ResiliencePipeline Pipeline { get; } = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode == StatusCode.ResourceExhausted && RetryAfter(e) is not null),
            MaxRetryAttempts = MaxAttempts,
            // The wait the suite asks for, spread a little so that the calls in flight do not all come back at once.
            DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                (args.Outcome.Exception is RpcException e ? RetryAfter(e) : null) + TimeSpan.FromMilliseconds(Random.Shared.Next(0, 250))),
        })
        .Build();

    /// <summary>The wait a rate-limited call names: its retry-after header, in seconds (a trailers-only answer carries it in the trailers).</summary>
    private static TimeSpan? RetryAfter(RpcException exception) =>
        exception.Trailers.GetValue("retry-after") is { } text && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
