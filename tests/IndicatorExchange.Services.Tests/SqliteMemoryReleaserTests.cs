using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Services.Tests;

/// <summary>Idle pooled connections give their page caches back once SQLite holds more than the threshold.</summary>
public sealed class SqliteMemoryReleaserTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ix-releaser-tests-{Guid.NewGuid():N}.db");

    [Fact]
    public void Idle_connections_that_cached_a_table_are_closed_above_the_threshold_and_left_alone_below_it()
    {
        var database = new SqliteDatabase(_path);
        using (var connection = database.Open())
        using (var command = connection.CreateCommand())
        {
            // About 16 MB of rows, which a full scan brings into the page cache of a connection of large work (up to 32 MiB).
            command.CommandText = """
                CREATE TABLE t (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 4000)
                INSERT INTO t (payload) SELECT randomblob(4000) FROM n;
                """;
            command.ExecuteNonQuery();
        }
        // SQLite's memory and the pools are the process's: a suite of another test class may release them (its releaser ticks)
        // between the warm-up and the measure. Such an attempt is measured again; one where the connections stayed warm must
        // show the release.
        for (var attempt = 1; ; attempt++)
        {
            WarmThreeIdleConnections(database);
            // Below the threshold nothing is released: the connections are still warm for the call after it.
            SqliteMemoryReleaser.ReleaseIfAbove(long.MaxValue);
            var (before, after) = SqliteMemoryReleaser.ReleaseIfAbove(8L << 20);
            if (before < 3 * 12_000_000L && attempt < 5)
            {
                continue;
            }
            Assert.True(before >= 3 * 12_000_000L, $"SQLite held {before:#,0} bytes with three warm idle connections ({attempt} attempts)");
            // Other tests use SQLite in this process meanwhile, so only most of what these connections held must be gone.
            Assert.True(before - after >= 2 * 12_000_000L, $"SQLite memory went from {before:#,0} to {after:#,0} bytes");
            return;
        }
    }

    /// <summary>Three connections scan the table at once, then go back to the pool idle, each holding its cache.</summary>
    private static void WarmThreeIdleConnections(SqliteDatabase database)
    {
        var connections = Enumerable.Range(0, 3).Select(_ => database.Open(SqliteDatabase.LargeWorkCacheMiB)).ToList();
        foreach (var connection in connections)
        {
            using var scan = connection.CreateCommand();
            scan.CommandText = "SELECT sum(length(payload)) FROM t";
            Assert.Equal(16_000_000L, (long)scan.ExecuteScalar()!);
        }
        connections.ForEach(c => c.Dispose());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}
