using IndicatorExchange.ServiceDefaults.Feeds;

namespace IndicatorExchange.Services.Tests;

/// <summary>The server side of the feeds: batches in order, each saying whether more are already waiting.</summary>
public sealed class FeedPumpTests
{
    [Fact]
    public async Task A_backlog_goes_out_in_full_batches_that_announce_more_and_the_last_one_says_nothing_more_is_pending()
    {
        var items = Enumerable.Range(1, 2 * FeedPump.BatchSize + 1).Select(i => (long)i).ToList();
        var sent = new List<(IReadOnlyList<long> Batch, bool More)>();
        using var done = new CancellationTokenSource();

        await FeedPump.RunAsync(afterSequence: 0,
            (after, limit, _) => Task.FromResult<IReadOnlyList<long>>(items.Where(i => i > after).Take(limit).ToList()),
            item => item,
            (batch, more) =>
            {
                sent.Add((batch, more));
                if (batch[^1] == items[^1])
                {
                    done.Cancel();
                }
                return Task.CompletedTask;
            },
            () => Task.Delay(Timeout.Infinite, done.Token),
            done.Token);

        Assert.Equal([FeedPump.BatchSize, FeedPump.BatchSize, 1], sent.Select(s => s.Batch.Count));
        Assert.Equal([true, true, false], sent.Select(s => s.More));
        Assert.Equal(items, sent.SelectMany(s => s.Batch));
    }

    [Fact]
    public async Task A_backlog_of_exactly_one_batch_does_not_announce_more()
    {
        var items = Enumerable.Range(1, FeedPump.BatchSize).Select(i => (long)i).ToList();
        var sent = new List<bool>();
        using var done = new CancellationTokenSource();

        await FeedPump.RunAsync(afterSequence: 0,
            (after, limit, _) => Task.FromResult<IReadOnlyList<long>>(items.Where(i => i > after).Take(limit).ToList()),
            item => item,
            (batch, more) =>
            {
                sent.Add(more);
                done.Cancel();
                return Task.CompletedTask;
            },
            () => Task.Delay(Timeout.Infinite, done.Token),
            done.Token);

        Assert.Equal([false], sent);
    }
}
