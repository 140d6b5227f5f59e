using Grpc.Core;
using Polly;

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
