using Dapper;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Aggregation.Storage.Sqlite;

/// <summary>One write transaction of the aggregator (BEGIN IMMEDIATE).</summary>
internal sealed class SqliteRollupSession(SqliteDatabase database, SqliteConnection connection, SqliteTransaction transaction) : IRollupSession
{
    public Task ApplyChangesAsync(IReadOnlyList<FigureRow> changes)
    {
        const string RevisionSql = """
            INSERT INTO figure_revisions (sequence, org_unit, indicator, period, value, yoy_growth_pct, status, revision, received_at, open_warnings)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
            ON CONFLICT (sequence) DO NOTHING
            """;
        // One statement for the whole batch rather than an upsert per change: the revisions just stored are the rows of
        // their sequence range, in sequence order, so a later revision of the same figure wins.
        const string CurrentSql = """
            INSERT INTO figures (org_unit, indicator, period, value, yoy_growth_pct, status, revision, sequence, received_at, first_received_at, open_warnings)
            SELECT org_unit, indicator, period, value, yoy_growth_pct, status, revision, sequence, received_at, received_at, open_warnings
            FROM figure_revisions WHERE sequence BETWEEN @First AND @Last
            ON CONFLICT (org_unit, indicator, period) DO UPDATE SET
                value = excluded.value, yoy_growth_pct = excluded.yoy_growth_pct, status = excluded.status,
                revision = excluded.revision, sequence = excluded.sequence, received_at = excluded.received_at,
                open_warnings = excluded.open_warnings,
                first_received_at = min(coalesce(figures.first_received_at, excluded.first_received_at), excluded.first_received_at)
            WHERE excluded.sequence > figures.sequence
            """;
        using (var revision = new SqliteStatement(connection, RevisionSql))
        {
            foreach (var c in changes)
            {
                revision.Bind(1, c.Sequence);
                revision.Bind(2, c.OrgUnit);
                revision.Bind(3, c.Indicator);
                revision.Bind(4, c.Period);
                revision.Bind(5, c.Value);
                revision.Bind(6, c.YoyGrowthPct);
                revision.Bind(7, c.Status);
                revision.Bind(8, c.Revision);
                revision.Bind(9, c.ReceivedAt);
                revision.Bind(10, c.OpenWarnings);
                revision.Execute();
            }
        }
        if (changes.Count > 0)
        {
            using var current = new PreparedCommand(connection, transaction, CurrentSql, "@First", "@Last");
            current.Execute(changes.Min(c => c.Sequence), changes.Max(c => c.Sequence));
        }
        return Task.CompletedTask;
    }

    public IReadOnlyList<FigureRow> Read(IReadOnlyCollection<Period> periods, IReadOnlyCollection<string> indicators, IReadOnlyCollection<string>? orgUnits = null)
    {
        var sql = $"SELECT {SqliteRollupStore.FigureColumns} FROM figures WHERE period IN @periods AND indicator IN @indicators"
                  + (orgUnits is null ? "" : " AND org_unit IN @orgUnits");
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql.Replace("@periods", InList(command, "p", Codes(periods)), StringComparison.Ordinal)
            .Replace("@indicators", InList(command, "i", indicators), StringComparison.Ordinal)
            .Replace("@orgUnits", orgUnits is null ? "" : InList(command, "o", orgUnits), StringComparison.Ordinal);
        return ReadRows(command);
    }

    public IReadOnlyList<ILeafReader> OpenLeafReaders(int count)
    {
        var readers = new List<ILeafReader>(count);
        try
        {
            while (readers.Count < count)
            {
                readers.Add(SqliteLeafReader.OpenBeside(database));
            }
            return readers;
        }
        catch
        {
            readers.ForEach(r => r.Dispose());
            throw;
        }
    }

    public bool HasFigures(PeriodIndicator pair)
    {
        _exists ??= new PreparedCommand(connection, transaction,
            "SELECT EXISTS (SELECT 1 FROM figures WHERE period = $period AND indicator = $indicator)", "$period", "$indicator");
        return Convert.ToInt64(_exists.Scalar(pair.Period.ToString(), pair.Indicator), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    private PreparedCommand? _exists;

    /// <summary>Read by hand rather than through Dapper: a recomputation reads every figure.</summary>
    private static List<FigureRow> ReadRows(SqliteCommand command)
    {
        var rows = new List<FigureRow>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new FigureRow
            {
                OrgUnit = reader.GetString(0),
                Indicator = reader.GetString(1),
                Period = reader.GetString(2),
                Value = reader.GetString(3),
                YoyGrowthPct = reader.IsDBNull(4) ? null : reader.GetString(4),
                Status = reader.GetInt32(5),
                Revision = reader.GetInt64(6),
                Sequence = reader.GetInt64(7),
                ReceivedAt = reader.GetString(8),
                FirstReceivedAt = reader.IsDBNull(9) ? null : reader.GetString(9),
                OpenWarnings = reader.GetInt32(10),
            });
        }
        return rows;
    }

    /// <summary>Period codes as stored.</summary>
    internal static List<string> Codes(IEnumerable<Period> periods) => periods.Select(p => p.ToString()).ToList();

    private static string InList(SqliteCommand command, string prefix, IReadOnlyCollection<string> values)
    {
        var names = new List<string>(values.Count);
        foreach (var value in values)
        {
            var name = $"@{prefix}{names.Count}";
            command.Parameters.AddWithValue(name, value);
            names.Add(name);
        }
        return names.Count == 0 ? "(NULL)" : $"({string.Join(", ", names)})";
    }

    public Task<IReadOnlyList<PeriodIndicator>> ListPeriodIndicatorsAsync()
    {
        // One seek per pair along the key (period, indicator, org unit), where SELECT DISTINCT read every figure. A row
        // value "(period, indicator) > (?, ?)" would scan the current pair's rows; an equality and one range seek past them.
        using var nextIndicator = new SqliteStatement(connection,
            "SELECT indicator FROM figures WHERE period = ?1 AND indicator > ?2 ORDER BY indicator LIMIT 1");
        using var nextPeriod = new SqliteStatement(connection,
            "SELECT period, indicator FROM figures WHERE period > ?1 ORDER BY period, indicator LIMIT 1");
        var pairs = new List<PeriodIndicator>();
        var period = "";
        while (true)
        {
            nextPeriod.Bind(1, period);
            if (!nextPeriod.Read())
            {
                break;
            }
            period = nextPeriod.GetString(0);
            var indicator = nextPeriod.GetString(1);
            nextPeriod.Reset();
            // A period code that does not parse is skipped, as no evaluation asks for it.
            var parsed = Period.TryParse(period, out var value);
            while (true)
            {
                if (parsed)
                {
                    pairs.Add(new PeriodIndicator(value, indicator));
                }
                nextIndicator.Bind(1, period);
                nextIndicator.Bind(2, indicator);
                if (!nextIndicator.Read())
                {
                    break;
                }
                indicator = nextIndicator.GetString(0);
                nextIndicator.Reset();
            }
        }
        return Task.FromResult<IReadOnlyList<PeriodIndicator>>(pairs);
    }

    public Task UpsertRollupsAsync(IReadOnlyList<StoredNodeValue> rows) => WriteValues("""
        INSERT INTO node_values (org_unit, period, indicator, value) VALUES (?1, ?2, ?3, ?4)
        ON CONFLICT (period, indicator, org_unit) DO UPDATE SET value = excluded.value
        """, rows);

    private Task WriteValues(string sql, IReadOnlyList<StoredNodeValue> rows)
    {
        if (rows.Count > 0)
        {
            using var write = new SqliteStatement(connection, sql);
            // Rows come a period at a time: its code is formatted once for them.
            var (period, code) = (default(Period), "");
            foreach (var row in rows)
            {
                if (row.Key.Period != period || code.Length == 0)
                {
                    (period, code) = (row.Key.Period, row.Key.Period.ToString());
                }
                write.Bind(1, row.Key.OrgUnit);
                write.Bind(2, code);
                write.Bind(3, row.Key.Indicator);
                write.Bind(4, NodeValueCodec.Encode(row.Value));
                write.Execute();
            }
        }
        return Task.CompletedTask;
    }

    public Task DeleteRollupsAsync(IReadOnlyList<NodeKey> keys)
    {
        if (keys.Count > 0)
        {
            using var delete = new PreparedCommand(connection, transaction,
                "DELETE FROM node_values WHERE org_unit = @OrgUnit AND period = @Period AND indicator = @Indicator", "@OrgUnit", "@Period", "@Indicator");
            foreach (var key in keys)
            {
                delete.Execute(key.OrgUnit, key.Period.ToString(), key.Indicator);
            }
        }
        return Task.CompletedTask;
    }

    // A rewrite fills a new table and swaps it in: deleting every row and inserting them again in one transaction
    // modified every page twice, spilling them into the write-ahead log, where each later page read had to be looked up.
    // The definition is migration 0005's (RecomputationStorageTests compares them).
    public Task BeginRollupRewriteAsync() => connection.ExecuteAsync("""
        DROP TABLE IF EXISTS node_values_rewrite;
        CREATE TABLE node_values_rewrite (
            period    TEXT NOT NULL,
            indicator TEXT NOT NULL,
            org_unit  TEXT NOT NULL,
            value     BLOB NOT NULL,
            UNIQUE (period, indicator, org_unit)
        );
        """, transaction: transaction);

    public Task WriteRewrittenRollupsAsync(IReadOnlyList<StoredNodeValue> rows) =>
        WriteValues("INSERT INTO node_values_rewrite (org_unit, period, indicator, value) VALUES (?1, ?2, ?3, ?4)", rows);

    public Task FinishRollupRewriteAsync() => connection.ExecuteAsync("""
        DROP TABLE node_values;
        ALTER TABLE node_values_rewrite RENAME TO node_values;
        CREATE INDEX node_values_org_unit ON node_values (org_unit, period, indicator);
        DELETE FROM recomputation_pending;
        """, transaction: transaction);

    public Task ResetAsync() =>
        connection.ExecuteAsync("DELETE FROM figures; DELETE FROM figure_revisions; DELETE FROM node_values; DELETE FROM feed_cursors; DELETE FROM recomputation_pending;", transaction: transaction);

    public Task SetCursorAsync(string feed, long sequence) =>
        connection.ExecuteAsync("""
            INSERT INTO feed_cursors (feed, sequence) VALUES (@feed, @sequence)
            ON CONFLICT (feed) DO UPDATE SET sequence = max(feed_cursors.sequence, excluded.sequence)
            """, new { feed, sequence }, transaction);

    public Task CommitAsync() => transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        _exists?.Dispose();
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    internal static async Task<IReadOnlyList<FigureRow>> ReadFiguresAsync(SqliteConnection connection, SqliteTransaction? transaction,
        IReadOnlyCollection<Period> periods, IReadOnlyCollection<string> indicators, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {SqliteRollupStore.FigureColumns} FROM figures WHERE period IN @periods"
                  + (indicators.Count > 0 ? " AND indicator IN @indicators" : "");
        var rows = await connection.QueryAsync<FigureRow>(new CommandDefinition(sql, new { periods = Codes(periods), indicators }, transaction, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
