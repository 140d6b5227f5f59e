using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>
/// One service's SQLite database file. Every connection runs in WAL mode with synchronous=FULL,
/// so that a committed (acknowledged) transaction survives a crash or a power cut. A connection caches up to 8 MiB of
/// pages, one that runs a large transaction up to 32 MiB (SQLite's default is 2 MiB): a large transaction otherwise
/// re-reads its B-tree pages from the file.
/// </summary>
public sealed class SqliteDatabase
{
    public SqliteDatabase(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        var directory = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = WAL;");
    }

    public string Path { get; }

    public string ConnectionString { get; }

    /// <summary>A pooled connection with a page cache of up to <paramref name="cacheMiB"/> MiB (set anew at every open).</summary>
    public SqliteConnection Open(int cacheMiB = DefaultCacheMiB)
    {
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        Execute(connection, $"PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000; PRAGMA cache_size = {-1024 * cacheMiB};");
        return connection;
    }

    /// <summary>
    /// The page cache of an ordinary connection (SQLite's default is 2 MiB). Every pooled connection can fill it, so it is
    /// multiplied by the connections a burst keeps open (8 concurrent uploads and the readers): at 32 MiB they held a few
    /// hundred MB at the peak of a national load.
    /// </summary>
    public const int DefaultCacheMiB = 8;

    /// <summary>The page cache of a connection that runs a large transaction (the aggregator's roll-ups and rebuilds).</summary>
    public const int LargeWorkCacheMiB = 32;

    /// <summary>
    /// Copies the write-ahead log into the database file and truncates it, after a transaction that wrote much: the
    /// log keeps a committed transaction's pages until the next write, and the first connection after a crash or a kill
    /// reads all of them again (a four-quarter recomputation left 400 MB, 1.5 s of every later start-up).
    /// Answers whether the checkpoint completed; it does not while a reader still uses an older snapshot.
    /// </summary>
    public bool TruncateWriteAheadLog()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
        using var reader = command.ExecuteReader();
        return reader.Read() && reader.GetInt32(0) == 0;
    }

    /// <summary>
    /// Closes this database's idle pooled connections (those in use close when they are returned): each keeps up to
    /// 32 MiB of page cache, which a large rewrite fills and an idle service need not hold.
    /// </summary>
    public void ReleaseIdleConnections()
    {
        using var connection = new SqliteConnection(ConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
