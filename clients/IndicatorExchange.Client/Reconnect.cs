using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace IndicatorExchange.Client;

/// <summary>
/// The one reconnect policy of the library: exponential backoff with jitter from
/// <see cref="IndicatorExchangeClientOptions.WatchReconnectDelay"/> up to <see cref="IndicatorExchangeClientOptions.WatchReconnectMaxDelay"/>,
/// forever until cancelled. A watch re-opens on errors a new stream may not have; a service's feed follower on every error.
/// </summary>
internal static class Reconnect
{
    /// <summary>Re-opens watch streams on errors that a new stream may not have.</summary>
    public static ResiliencePipeline Pipeline(IndicatorExchangeClientOptions options, ILogger logger) =>
        Build(options, args => !args.Context.CancellationToken.IsCancellationRequested && args.Outcome.Exception switch
        {
            RpcException rpc => rpc.StatusCode is not (StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.AlreadyExists
                or StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.FailedPrecondition or StatusCode.OutOfRange
                or StatusCode.Unimplemented or StatusCode.OK),
            HttpRequestException or IOException => true,
            _ => false,
        }, (attempt, error, delay) => logger.Log(attempt < 3 ? LogLevel.Information : LogLevel.Warning,
            "Watch stream broken ({Error}); re-opening in {Delay} (attempt {Attempt})", error, delay, attempt + 1));

    /// <summary>Runs a feed follower again after any error until <paramref name="stopping"/>; the first retries log quietly (a peer starting later is normal).</summary>
    public static ResiliencePipeline Forever(IndicatorExchangeClientOptions options, ILogger logger, string feed, CancellationToken stopping) =>
        Build(options, args => !stopping.IsCancellationRequested && args.Outcome.Exception is not null,
            (attempt, error, delay) => logger.Log(attempt < 3 ? LogLevel.Debug : LogLevel.Warning,
                "{Feed} unavailable ({Error}); retry {Attempt} in {Delay}", feed, error, attempt + 1, delay));

    /// <summary>Runs <paramref name="follow"/> through the pipeline again and again until <paramref name="stopping"/> is cancelled.</summary>
    public static async Task FollowForeverAsync(ResiliencePipeline pipeline, Func<CancellationToken, ValueTask> follow, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await pipeline.ExecuteAsync(follow, stopping).ConfigureAwait(false);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // Whatever the stop made the follower throw: an OperationCanceledException, or the RpcException (CANCELLED)
                // of a stream the stop cancelled, which would otherwise fail the hosted service and log a crash at shutdown.
                return;
            }
        }
    }

    private static ResiliencePipeline Build(IndicatorExchangeClientOptions options, Func<RetryPredicateArguments<object>, bool> shouldHandle,
        Action<int, string?, TimeSpan> log) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(shouldHandle(args)),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = AtLeastAMillisecond(options.WatchReconnectDelay),
                MaxDelay = AtLeastAMillisecond(options.WatchReconnectMaxDelay),
                OnRetry = args =>
                {
                    log(args.AttemptNumber, args.Outcome.Exception?.Message, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    private static TimeSpan AtLeastAMillisecond(TimeSpan value) => value > TimeSpan.Zero ? value : TimeSpan.FromMilliseconds(1);
}
