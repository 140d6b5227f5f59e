using System.Globalization;
using Dapper;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;
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
        // Another connection stays open, as a reader's would in the suite: SQLite does not fold the log away on its own
        // when the recomputation's connections close, so an empty log is the settling's doing.
        await using var reader = new SqliteConnection($"Data Source={aggregator.Path};Pooling=False");
        await reader.OpenAsync();
        await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM node_values"); // SQLite opens the file at the first statement

        await aggregator.Engine.RecomputeAllAsync(CancellationToken.None);

        var log = new FileInfo(aggregator.Path + "-wal");
        Assert.True(log.Exists && log.Length == 0, log.Exists ? $"the write-ahead log holds {log.Length} bytes" : "the log is gone");
        // And what it wrote is in the database file: the same rows as before, read back.
        var after = await aggregator.StoredRowsAsync(["110000", "120000"], ["2023Q1"], [Flow]);
        Assert.Equal(before.Values.Select(r => r.Total.Value), after.Values.Select(r => r.Total.Value));
        Assert.Equal(2, after.Count);
    }

    [Fact]
    public async Task Readers_beside_a_write_session_read_the_figures_it_sees_while_it_holds_the_write_lock()
    {
        var tree = GeneratedTree.Build(1, _ => 2, _ => 3);
        await using var aggregator = Aggregator.Create(tree.Tree);
        var feed = new FigureFeed();
        var at = DeadlineOf("2023Q1").AddDays(-1);
        await aggregator.ApplyAsync(tree.Counties.Select((county, i) => feed.Next(county, Flow, "2023Q1", 10.5m + i, at)).ToList());

        await using (var session = await aggregator.Store.BeginAsync(CancellationToken.None))
        {
            var expected = session.Read([Domain.Periods.Period.Parse("2023Q1")], [Flow]).Select(r => Leaf(r.OrgUnit, decimal.Parse(r.Value, CultureInfo.InvariantCulture))).Order(StringComparer.Ordinal).ToList();
            var readers = session.OpenLeafReaders(2);
            // Another writer waits for the session, so what the readers see cannot change under them.
            await using var other = new SqliteConnection($"Data Source={aggregator.Path};Pooling=False;Default Timeout=1");
            await other.OpenAsync();
            await other.ExecuteAsync("PRAGMA busy_timeout = 100");
            Assert.Throws<SqliteException>(() => other.Execute("DELETE FROM figures"));
            foreach (var reader in readers)
            {
                Assert.Equal(expected, Leaves(reader.ReadLeaves(PairOf("2023Q1", Flow))));
                Assert.Empty(reader.ReadLeaves(PairOf("2023Q2", Flow)));
                reader.Dispose();
            }
            await session.SetCursorAsync(Aggregator.Feed, 999);
            await session.CommitAsync();
        }

        Assert.Equal(999, await aggregator.Store.GetCursorAsync(Aggregator.Feed, CancellationToken.None));
        Assert.Equal(tree.Counties.Count, (await aggregator.Store.ReadAsync([Domain.Periods.Period.Parse("2023Q1")], [Flow], CancellationToken.None)).Count);
    }

    private static List<string> Leaves(IReadOnlyList<StoredLeaf> leaves) =>
        leaves.Select(l => Leaf(l.OrgUnit, l.Figure.Value)).Order(StringComparer.Ordinal).ToList();

    private static string Leaf(string orgUnit, decimal value) => $"{orgUnit}={value.ToString(CultureInfo.InvariantCulture)}";

    [Fact]
    public async Task The_rewritten_node_values_table_is_defined_as_the_migrations_define_it()
    {
        var tree = GeneratedTree.Build(1, _ => 2, _ => 2);
        await using var recomputed = Aggregator.Create(tree.Tree);
        await using var migrated = Aggregator.Create(tree.Tree);
        var feed = new FigureFeed();
        await recomputed.ApplyAsync([feed.Next(tree.Counties[0], Flow, "2023Q1", 10m, DeadlineOf("2023Q1"))]);

        await recomputed.Engine.RecomputeAllAsync(CancellationToken.None);

        Assert.Equal(Definition(migrated.Path), Definition(recomputed.Path));
        Assert.Single(await recomputed.StoredRowsAsync([tree.Prefectures[0]], ["2023Q1"], [Flow]));
    }

    /// <summary>The node values table's columns, key, storage and indexes, as SQLite reports them.</summary>
    private static string Definition(string path)
    {
        using var connection = new SqliteDatabase(path).Open();
        var columns = connection.Query<(string Name, string Type, long NotNull, long Pk)>(
            "SELECT name, type, \"notnull\", pk FROM pragma_table_info('node_values') ORDER BY cid");
        var withoutRowid = connection.QuerySingle<string>("SELECT sql FROM sqlite_master WHERE name = 'node_values'").Contains("WITHOUT ROWID", StringComparison.OrdinalIgnoreCase);
        // A constraint's index is named after the table it was created with; its origin and columns are what count.
        var indexes = connection.Query<(string Name, string Origin, long Unique)>("SELECT name, origin, \"unique\" FROM pragma_index_list('node_values')")
            .Select(index => $"{(index.Origin == "c" ? index.Name : index.Origin)} {index.Unique} ({string.Join(", ", connection.Query<string>($"SELECT name FROM pragma_index_info('{index.Name}') ORDER BY seqno"))})")
            .Order(StringComparer.Ordinal);
        return $"{string.Join("; ", columns)} | without rowid {withoutRowid} | {string.Join("; ", indexes)}";
    }
}
