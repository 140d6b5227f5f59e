namespace IndicatorExchange.Aggregation.Feed;

/// <summary>
/// Lets a rebuild ask the feed consumer, the only writer of the aggregator's figures, to forget everything and
/// replay the feed from the beginning: the consumer performs the reset itself between two streams, so no
/// batch of the old stream can land after it.
/// </summary>
internal sealed class FeedControl
{
    private CancellationTokenSource _stream = new();
    private TaskCompletionSource? _resetRequest;

    /// <summary>Cancelled when the current stream should be dropped.</summary>
    public CancellationToken StreamToken => Volatile.Read(ref _stream).Token;

    /// <summary>
    /// Asks for a reset; completes once the consumer has reset and is about to replay from 0. A request made while
    /// another is still waiting for the consumer joins it (the one reset serves both), rather than cancelling it.
    /// </summary>
    public Task RequestResetAsync()
    {
        var request = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (Interlocked.CompareExchange(ref _resetRequest, request, null) is { } pending)
        {
            return pending.Task;
        }
        Interlocked.Exchange(ref _stream, new CancellationTokenSource()).Cancel();
        return request.Task;
    }

    /// <summary>The pending reset request, if any, taken by the consumer.</summary>
    public TaskCompletionSource? TakeResetRequest() => Interlocked.Exchange(ref _resetRequest, null);
}
