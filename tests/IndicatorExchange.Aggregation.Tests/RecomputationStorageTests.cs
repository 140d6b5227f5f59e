using IndicatorExchange.Aggregation.Tests.Support;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>What a recomputation of every row leaves on disk.</summary>
public sealed class RecomputationStorageTests
{
    [Fact]
    public async Task A_recomputation_leaves_no_write_ahead_log_for_the_next_start_to_replay()
    {
        var tree = GeneratedTree.Build(2, _ => 3, _ => 4);
        await using var aggregator = Aggregator.Create(tree.Tree);
        var feed = new FigureFeed();
        var at = DeadlineOf("2023Q1").AddDays(-1);
        await aggregator.ApplyAsync(tree.Counties.Select((county, i) => feed.Next(county, Flow, "2023Q1", 10m + i, at)).ToList());
        var before = await aggregator.StoredRowsAsync(["110000", "120000"], ["2023Q1"], [Flow]);

        await aggregator.Engine.RecomputeAllAsync(CancellationToken.None);

        var log = new FileInfo(aggregator.Path + "-wal");
        Assert.True(!log.Exists || log.Length == 0, $"the write-ahead log holds {log.Length} bytes");
        // And what it wrote is in the database file: the same rows as before, read back.
        var after = await aggregator.StoredRowsAsync(["110000", "120000"], ["2023Q1"], [Flow]);
        Assert.Equal(before.Values.Select(r => r.Total.Value), after.Values.Select(r => r.Total.Value));
        Assert.Equal(2, after.Count);
    }
}
