using Grpc.Core;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace IndicatorExchange.Client;

/// <summary>
/// Reads a server stream that should never end, re-opening it (through <paramref name="open"/>, which decides where
/// to resume) whenever it breaks, with exponential backoff and jitter while re-opening fails.
/// </summary>
internal sealed class ResumableStream<T>(Func<CancellationToken, AsyncServerStreamingCall<T>> open, ResiliencePipeline reconnect) : IDisposable
    where T : class
{
    private AsyncServerStreamingCall<T>? _call;

    /// <summary>The next message, from this stream or from a re-opened one.</summary>
    public async Task<T> NextAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await reconnect.ExecuteAsync(static (self, token) => self.ReadAsync(token), this, cancellationToken).ConfigureAwait(false);
        }
        catch (RpcException exception) when (exception.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("The watch was cancelled.", exception, cancellationToken);
        }
    }

    public void Dispose() => Drop();

    private async ValueTask<T> ReadAsync(CancellationToken cancellationToken)
    {
        _call ??= open(cancellationToken);
        try
        {
            if (await _call.ResponseStream.MoveNext(cancellationToken).ConfigureAwait(false))
            {
                return _call.ResponseStream.Current;
            }
        }
        catch
        {
            Drop();
            throw;
        }
        Drop();
        // The contract says the stream does not end by itself: the server went away (a restart); open it again.
        throw new RpcException(new Status(StatusCode.Unavailable, "The stream ended."));
    }

    private void Drop()
    {
        _call?.Dispose();
        _call = null;
    }
}

/// <summary>The Polly pipeline that re-opens broken watch streams.</summary>
internal static class Reconnect
{
    /// <summary>Re-opens streams forever (until cancelled) on errors that a new stream may not have.</summary>
    public static ResiliencePipeline Pipeline(IndicatorExchangeClientOptions options, ILogger logger) =>
        new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(!args.Context.CancellationToken.IsCancellationRequested && args.Outcome.Exception switch
                {
                    RpcException rpc => rpc.StatusCode is not (StatusCode.InvalidArgument or StatusCode.NotFound or StatusCode.AlreadyExists
                        or StatusCode.PermissionDenied or StatusCode.Unauthenticated or StatusCode.FailedPrecondition or StatusCode.OutOfRange
                        or StatusCode.Unimplemented or StatusCode.OK),
                    HttpRequestException or IOException => true,
                    _ => false,
                }),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.WatchReconnectDelay > TimeSpan.Zero ? options.WatchReconnectDelay : TimeSpan.FromMilliseconds(1),
                MaxDelay = options.WatchReconnectMaxDelay > TimeSpan.Zero ? options.WatchReconnectMaxDelay : TimeSpan.FromMilliseconds(1),
                OnRetry = args =>
                {
                    logger.Log(args.AttemptNumber < 3 ? LogLevel.Information : LogLevel.Warning,
                        "Watch stream broken ({Error}); re-opening in {Delay} (attempt {Attempt})",
                        args.Outcome.Exception?.Message, args.RetryDelay, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
}
