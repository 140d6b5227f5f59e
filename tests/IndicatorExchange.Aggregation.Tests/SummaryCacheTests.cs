using IndicatorExchange.Aggregation.Tests.Support;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>Repeated summary reads are served from a cache that every applied change, reset and replay invalidates.</summary>
public sealed class SummaryCacheTests
{
    private static readonly DateTimeOffset Received = new(2023, 1, 10, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_read_after_a_change_sees_it_for_one_indicator_and_for_the_full_table_at_every_level()
    {
        var tree = GeneratedTree.Build(1, _ => 2, _ => 2);
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(tree.Tree);
        await aggregator.ApplyAsync([feed.Next("110101", Flow, "2023", 100m, Received), feed.Next("110201", Stock, "2023", 5m, Received)]);
        foreach (var node in new[] { "110100", "110000" })
        {
            Assert.Equal(100m, (await aggregator.RowAsync(node, "2023", Flow)).Total.ToDecimal());
            Assert.Equal(100m, (await aggregator.SummaryAsync(node, "2023")).Rows.Single(r => r.Indicator == Flow).Total.ToDecimal());
        }
        var before = await aggregator.SummaryAsync("110000", "2023");
        Assert.Same(before.Rows[0], (await aggregator.SummaryAsync("110000", "2023")).Rows[0]); // served from the cache

        await aggregator.ApplyAsync([feed.Next("110102", Flow, "2023", 20m, Received), feed.Next("110101", Flow, "2023", 101m, Received)]);

        foreach (var node in new[] { "110100", "110000" })
        {
            Assert.Equal(121m, (await aggregator.RowAsync(node, "2023", Flow)).Total.ToDecimal());
            var full = await aggregator.SummaryAsync(node, "2023");
            Assert.Equal(121m, full.Rows.Single(r => r.Indicator == Flow).Total.ToDecimal());
            Assert.Equal(feed.LastSequence, full.AsOfSequence);
        }
        // The untouched prefecture's stock row is still right (and still cached).
        Assert.Equal(5m, (await aggregator.RowAsync("110200", "2023", Stock)).Total.ToDecimal());
    }

    [Fact]
    public async Task An_indicator_first_read_without_data_gets_its_data_once_a_figure_arrives()
    {
        var tree = GeneratedTree.Build(1, _ => 1, _ => 2);
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(tree.Tree);
        await aggregator.ApplyAsync([feed.Next("110101", Flow, "2023", 100m, Received)]);
        Assert.Equal(0, (await aggregator.RowAsync("110100", "2023", Stock)).ReportedCount);
        Assert.Single((await aggregator.SummaryAsync("110100", "2023")).Rows);

        await aggregator.ApplyAsync([feed.Next("110102", Stock, "2023", 7m, Received)]);

        Assert.Equal(7m, (await aggregator.RowAsync("110100", "2023", Stock)).Total.ToDecimal());
        Assert.Equal(2, (await aggregator.SummaryAsync("110100", "2023")).Rows.Count);
    }

    [Fact]
    public async Task A_reset_empties_what_is_served_and_the_replay_brings_it_back()
    {
        var tree = GeneratedTree.Build(1, _ => 1, _ => 2);
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(tree.Tree);
        var changes = new[] { feed.Next("110101", Flow, "2023", 100m, Received) };
        await aggregator.ApplyAsync(changes);
        Assert.Single((await aggregator.SummaryAsync("110100", "2023")).Rows);

        await aggregator.Engine.ResetAsync(CancellationToken.None);
        Assert.Empty((await aggregator.SummaryAsync("110100", "2023")).Rows);

        await aggregator.ApplyAsync(changes);
        Assert.Equal(100m, (await aggregator.SummaryAsync("110100", "2023")).Rows.Single().Total.ToDecimal());
    }

    [Fact]
    public async Task Concurrent_readers_never_keep_a_row_older_than_the_last_applied_change()
    {
        var tree = GeneratedTree.Build(1, _ => 1, _ => 2);
        var feed = new FigureFeed();
        await using var aggregator = Aggregator.Create(tree.Tree);
        await aggregator.ApplyAsync([feed.Next("110101", Flow, "2023", 0m, Received)]);
        using var stop = new CancellationTokenSource();
        var readers = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await (i % 2 == 0 ? aggregator.SummaryAsync("110100", "2023") : aggregator.SummaryAsync("110100", "2023", [Flow]));
            }
        })).ToList();
        for (var value = 1; value <= 30; value++)
        {
            await aggregator.ApplyAsync([feed.Next("110101", Flow, "2023", value, Received)]);
            Assert.Equal(value, (await aggregator.RowAsync("110100", "2023", Flow)).Total.ToDecimal());
            Assert.Equal(value, (await aggregator.SummaryAsync("110100", "2023")).Rows.Single().Total.ToDecimal());
        }
        await stop.CancelAsync();
        await Task.WhenAll(readers);
    }
}
