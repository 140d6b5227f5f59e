using System.Diagnostics;
using IndicatorExchange.Indicator;
using IndicatorExchange.Storage.Postgres;
using IndicatorExchange.Testing.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace IndicatorExchange.Benchmarks;

/// <summary>
/// The ingest baselines on PostgreSQL: the figures' rows written by the server's own binary <c>COPY</c>, in one transaction
/// (commit included), each into a new database of the benchmark's server, dropped afterwards.
/// </summary>
public static class PostgresCopyBaselines
{
    private const string Columns =
        "org_unit, period, indicator, revision, value, unit, sent_value, sent_unit, yoy_growth_pct, status, note, submitted_by, request_id, received_at";

    /// <summary>Into a bare table with the columns of <c>figure_revisions</c> and no index.</summary>
    public static Task<TimeSpan> BareTableAsync(PostgresServer server, IReadOnlyList<CopyRow> rows) => InFreshDatabaseAsync(server, "copybare", connectionString =>
    {
        using var connection = new NpgsqlConnection(connectionString);
        connection.Open();
        using (var create = new NpgsqlCommand("""
            CREATE TABLE figure_revisions (
                org_unit text NOT NULL, period text NOT NULL, indicator text NOT NULL, revision bigint NOT NULL, value numeric NOT NULL,
                unit text NOT NULL, sent_value numeric NOT NULL, sent_unit text NOT NULL, yoy_growth_pct numeric NULL, status integer NOT NULL,
                note text NOT NULL, submitted_by text NOT NULL, request_id text NOT NULL, received_at text NOT NULL)
            """, connection))
        {
            create.ExecuteNonQuery();
        }
        return Copy(connection, "figure_revisions", rows, finish: null);
    });

    /// <summary>
    /// The engine's write floor: into the indicator service's own tables (its PostgreSQL migrations: the revision's unique key,
    /// the indexes by time of receipt and in feed order, the writing transaction's id), then the current figure of each.
    /// </summary>
    public static Task<TimeSpan> SuiteTablesAsync(PostgresServer server, IReadOnlyList<CopyRow> rows) => InFreshDatabaseAsync(server, "copysuite", connectionString =>
    {
        using (var database = new PostgresDatabase(connectionString, "indicator"))
        {
            PostgresMigrationRunner.Apply(database, typeof(IndicatorServiceExtensions).Assembly);
        }
        using var connection = new NpgsqlConnection(connectionString + ";Search Path=indicator");
        connection.Open();
        return Copy(connection, "figure_revisions", rows, """
            INSERT INTO current_figures (org_unit, period, indicator, sequence)
            SELECT org_unit, period, indicator, sequence FROM figure_revisions
            ON CONFLICT (org_unit, period, indicator) DO UPDATE SET sequence = excluded.sequence
            """);
    });

    /// <summary>Times the rows' binary COPY, then <paramref name="finish"/>, and the commit.</summary>
    private static TimeSpan Copy(NpgsqlConnection connection, string table, IReadOnlyList<CopyRow> rows, string? finish)
    {
        var receivedAt = DateTimeOffset.UtcNow.ToString("O");
        var period = NationalData.Quarter(1);
        var stopwatch = Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        using (var writer = connection.BeginBinaryImport($"COPY {table} ({Columns}) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in rows)
            {
                writer.StartRow();
                writer.Write(row.OrgUnit, NpgsqlDbType.Text);
                writer.Write(period, NpgsqlDbType.Text);
                writer.Write(row.Indicator, NpgsqlDbType.Text);
                writer.Write(1L, NpgsqlDbType.Bigint);
                writer.Write(row.Value, NpgsqlDbType.Numeric);
                writer.Write("亿元", NpgsqlDbType.Text);
                writer.Write(row.Value, NpgsqlDbType.Numeric);
                writer.Write("亿元", NpgsqlDbType.Text);
                writer.Write(row.Growth, NpgsqlDbType.Numeric);
                writer.Write(2, NpgsqlDbType.Integer);
                writer.Write("", NpgsqlDbType.Text);
                writer.Write("anonymous", NpgsqlDbType.Text);
                writer.Write("baseline", NpgsqlDbType.Text);
                writer.Write(receivedAt, NpgsqlDbType.Text);
            }
            writer.Complete();
        }
        if (finish is not null)
        {
            using var command = new NpgsqlCommand(finish, connection, transaction);
            command.ExecuteNonQuery();
        }
        transaction.Commit();
        return stopwatch.Elapsed;
    }

    private static async Task<TimeSpan> InFreshDatabaseAsync(PostgresServer server, string name, Func<string, TimeSpan> timed)
    {
        var connectionString = await server.CreateDatabaseAsync(name);
        try
        {
            return await Task.Run(() => timed(connectionString));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(server.ConnectionString());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{PostgresServer.DatabaseOf(connectionString)}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>One figure of the baselines: its county, indicator, value and growth.</summary>
public sealed record CopyRow(string OrgUnit, string Indicator, decimal Value, decimal Growth);
