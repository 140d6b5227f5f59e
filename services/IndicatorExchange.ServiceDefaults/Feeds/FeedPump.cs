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

    /// <param name="readAfter">Reads up to the given number of items after a sequence.</param>
    /// <param name="send">Sends a batch; its flag says whether more items were already there to follow it.</param>
    /// <param name="next">The signal of the next local commit; taken before each read, so none is missed.</param>
    /// <param name="sizeOf">
    /// The serialised size of an item, when items may be large: a batch then ends before it would exceed
    /// <see cref="Paging.PageToken.MaxPageBytes"/>, so that a default client (4 MB) can receive it.
    /// </param>
    public static async Task RunAsync<T>(
        long afterSequence,
        Func<long, int, CancellationToken, Task<IReadOnlyList<T>>> readAfter,
        Func<T, long> sequenceOf,
        Func<IReadOnlyList<T>, bool, Task> send,
        Func<Task> next,
        CancellationToken cancellationToken,
        Func<T, int>? sizeOf = null)
    {
        var after = afterSequence;
        while (!cancellationToken.IsCancellationRequested)
        {
            var signal = next();
            // One more than a batch, to know whether more follow; the extra item is sent with the next batch.
            var read = await readAfter(after, BatchSize + 1, cancellationToken);
            if (read.Count > 0)
            {
                var more = read.Count > BatchSize;
                var batch = more ? read.Take(BatchSize).ToList() : read;
                if (sizeOf is not null && Fitting(batch, sizeOf) is var fitting && fitting < batch.Count)
                {
                    batch = batch.Take(fitting).ToList();
                    more = true;
                }
                await send(batch, more);
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

    /// <summary>How many of the first items fit in <see cref="Paging.PageToken.MaxPageBytes"/> (at least one).</summary>
    private static int Fitting<T>(IReadOnlyList<T> batch, Func<T, int> sizeOf)
    {
        var bytes = 0;
        for (var i = 0; i < batch.Count; i++)
        {
            bytes += sizeOf(batch[i]) + 6;
            if (i > 0 && bytes > Paging.PageToken.MaxPageBytes)
            {
                return i;
            }
        }
        return batch.Count;
    }
}
