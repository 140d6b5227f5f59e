namespace IndicatorExchange.ServiceDefaults.Feeds;

/// <summary>
/// The server side of a resumable feed (figure changes, target changes): send everything after the consumer's
/// sequence in batches, then wait for a commit signal of this process, or poll, so that writers in other
/// processes are seen too. Runs until the call is cancelled.
/// </summary>
public static class FeedPump
{
    public const int BatchSize = 500;
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <param name="next">The signal of the next local commit; taken before each read, so none is missed.</param>
    public static async Task RunAsync<T>(
        long afterSequence,
        Func<long, CancellationToken, Task<IReadOnlyList<T>>> readAfter,
        Func<T, long> sequenceOf,
        Func<IReadOnlyList<T>, Task> send,
        Func<Task> next,
        CancellationToken cancellationToken)
    {
        var after = afterSequence;
        while (!cancellationToken.IsCancellationRequested)
        {
            var signal = next();
            var batch = await readAfter(after, cancellationToken);
            if (batch.Count > 0)
            {
                await send(batch);
                after = sequenceOf(batch[^1]);
                continue;
            }
            try
            {
                await signal.WaitAsync(PollInterval, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Poll: another process may have written.
            }
        }
    }
}
