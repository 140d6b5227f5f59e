using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace IndicatorExchange.ServiceDefaults.Feeds;

/// <summary>
/// The client side of a feed: a Polly pipeline that re-opens a broken stream forever, with exponential backoff
/// and jitter, until the host stops. The first retries log quietly (a peer starting later is normal).
/// </summary>
public static class Reconnect
{
    public static ResiliencePipeline Forever(ILogger logger, string feed, CancellationToken stopping, TimeSpan? maxDelay = null) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(_ => !stopping.IsCancellationRequested),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(200),
                MaxDelay = maxDelay ?? TimeSpan.FromSeconds(5),
                OnRetry = args =>
                {
                    logger.Log(args.AttemptNumber < 3 ? LogLevel.Debug : LogLevel.Warning,
                        "{Feed} unavailable ({Error}); retry {Attempt} in {Delay}", feed, args.Outcome.Exception?.Message, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>Runs <paramref name="follow"/> through the pipeline again and again until the host stops.</summary>
    public static async Task FollowForeverAsync(ResiliencePipeline pipeline, Func<CancellationToken, ValueTask> follow, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await pipeline.ExecuteAsync(follow, stopping);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                // Whatever the stop made the follower throw: an OperationCanceledException, or the RpcException (CANCELLED)
                // of a stream the stop cancelled, which would otherwise fail the hosted service and log a crash at shutdown.
                return;
            }
        }
    }
}
