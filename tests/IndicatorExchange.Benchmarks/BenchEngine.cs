using System.Globalization;
using IndicatorExchange.Testing.Postgres;
using Npgsql;

namespace IndicatorExchange.Benchmarks;

/// <summary>
/// The storage engine the benchmarks run the suite on (<c>--storage=sqlite</c>, the default, or <c>--storage=postgres</c>):
/// on PostgreSQL a durable throwaway server of Debian's binaries beside the suite (<see cref="PostgresServer.Durable"/>),
/// and a database of its own for every suite a benchmark starts.
/// </summary>
public sealed class BenchEngine : IDisposable
{
    private BenchEngine(PostgresServer? server) => Server = server;

    /// <summary>The server, on PostgreSQL; null on SQLite.</summary>
    public PostgresServer? Server { get; }

    public bool IsPostgres => Server is not null;

    /// <summary>"SQLite" or "PostgreSQL".</summary>
    public string Name => IsPostgres ? "PostgreSQL" : "SQLite";

    /// <summary>The engine from <c>--storage=</c>; on PostgreSQL, starts the server (and fails with the reason when it cannot).</summary>
    public static BenchEngine FromArguments(string[] args)
    {
        var storage = args.FirstOrDefault(a => a.StartsWith("--storage=", StringComparison.Ordinal))?["--storage=".Length..] ?? "sqlite";
        switch (storage)
        {
            case "sqlite":
                return new BenchEngine(null);
            case "postgres":
                var server = PostgresServer.Durable();
                if (!server.Available)
                {
                    server.Dispose();
                    throw new InvalidOperationException($"--storage=postgres: {server.Unavailable}");
                }
                ProcStats.DatabaseServer = int.Parse(File.ReadLines(Path.Combine(server.DataDirectory, "postmaster.pid")).First(), CultureInfo.InvariantCulture);
                return new BenchEngine(server);
            default:
                throw new ArgumentException($"--storage={storage}: sqlite or postgres");
        }
    }

    /// <summary>What a suite is started with to use the engine: nothing on SQLite; a new database of the server on PostgreSQL.</summary>
    public async Task<string[]> SuiteArgumentsAsync(string name) =>
        Server is null ? [] : ["--storage=postgres", $"--connection-string={await Server.CreateDatabaseAsync(name)}"];

    /// <summary>The connection string among a suite's arguments (<see cref="SuiteArgumentsAsync"/>), or null on SQLite.</summary>
    public static string? ConnectionString(IEnumerable<string> arguments) =>
        arguments.FirstOrDefault(a => a.StartsWith("--connection-string=", StringComparison.Ordinal))?["--connection-string=".Length..];

    /// <summary>One sentence on the engine and its settings, for the report's header.</summary>
    public string Description => Server is null
        ? "Engine: **SQLite** (the default; WAL, `synchronous=FULL`), embedded in the suite's process."
        : $"Engine: **PostgreSQL {Server.Version}** (`--storage=postgres`), Debian's server started by the benchmark on this machine beside the suite, "
          + $"reached over a Unix socket; durable as in production (fsync, full-page writes and synchronous commit on), with `{PostgresServer.DurableSettings}`; "
          + "one database per suite started, each service in its own schema.";

    /// <summary>Bytes on disk of the database of <paramref name="connectionString"/> (<c>pg_database_size</c>).</summary>
    public static async Task<long> DatabaseSizeAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Whether the aggregator has applied the indicator feed to its end: its cursor names the last revision in the feed's
    /// order (by writing transaction, then sequence). With several writers the largest sequence is not that last revision,
    /// so a summary's <c>as_of_sequence</c> reaching the last acknowledged sequence does not yet mean that all is applied.
    /// </summary>
    public static async Task<bool> FeedAppliedAsync(string connectionString)
    {
        const string Sql = """
            SELECT coalesce((SELECT sequence FROM aggregation.feed_cursors WHERE feed = 'indicator'), 0)
                 = coalesce((SELECT sequence FROM indicator.figure_revisions ORDER BY xid DESC, sequence DESC LIMIT 1), 0)
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(Sql, connection);
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// Makes every node value the aggregator stores wrong (an empty value), so that the next recomputation from the stored
    /// figures has to write each one again: the PostgreSQL engine writes only the values that changed.
    /// </summary>
    public static async Task SpoilNodeValuesAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE aggregation.node_values SET value = ''::bytea", "VACUUM aggregation.node_values" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    public void Dispose() => Server?.Dispose();
}
