using Dapper;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Aggregation.Storage;

/// <summary>One write transaction of the aggregator (BEGIN IMMEDIATE).</summary>
internal sealed class SqliteRollupSession(SqliteConnection connection, SqliteTransaction transaction) : IRollupSession
{
    public Task ApplyChangesAsync(IReadOnlyList<FigureRow> changes)
    {
        const string RevisionSql = """
            INSERT INTO figure_revisions (sequence, org_unit, indicator, period, value, yoy_growth_pct, status, revision, received_at, open_warnings)
            VALUES (@Sequence, @OrgUnit, @Indicator, @Period, @Value, @YoyGrowthPct, @Status, @Revision, @ReceivedAt, @OpenWarnings)
            ON CONFLICT (sequence) DO NOTHING
            """;
        const string CurrentSql = """
            INSERT INTO figures (org_unit, indicator, period, value, yoy_growth_pct, status, revision, sequence, received_at, first_received_at, open_warnings)
            VALUES (@OrgUnit, @Indicator, @Period, @Value, @YoyGrowthPct, @Status, @Revision, @Sequence, @ReceivedAt, @ReceivedAt, @OpenWarnings)
            ON CONFLICT (org_unit, indicator, period) DO UPDATE SET
                value = excluded.value, yoy_growth_pct = excluded.yoy_growth_pct, status = excluded.status,
                revision = excluded.revision, sequence = excluded.sequence, received_at = excluded.received_at,
                open_warnings = excluded.open_warnings,
                first_received_at = min(coalesce(figures.first_received_at, excluded.first_received_at), excluded.first_received_at)
            WHERE excluded.sequence > figures.sequence
            """;
        string[] names = ["@Sequence", "@OrgUnit", "@Indicator", "@Period", "@Value", "@YoyGrowthPct", "@Status", "@Revision", "@ReceivedAt", "@OpenWarnings"];
        using (var revision = new PreparedCommand(connection, transaction, RevisionSql, names))
        {
            foreach (var c in changes)
            {
                revision.Execute(c.Sequence, c.OrgUnit, c.Indicator, c.Period, c.Value, c.YoyGrowthPct, c.Status, c.Revision, c.ReceivedAt, c.OpenWarnings);
            }
        }
        using (var current = new PreparedCommand(connection, transaction, CurrentSql, names))
        {
            foreach (var c in changes)
            {
                current.Execute(c.Sequence, c.OrgUnit, c.Indicator, c.Period, c.Value, c.YoyGrowthPct, c.Status, c.Revision, c.ReceivedAt, c.OpenWarnings);
            }
        }
        return Task.CompletedTask;
    }

    public IReadOnlyList<FigureRow> Read(IReadOnlyCollection<string> periods, IReadOnlyCollection<string> indicators, IReadOnlyCollection<string>? orgUnits = null)
    {
        var sql = $"SELECT {SqliteRollupStore.FigureColumns} FROM figures WHERE period IN @periods AND indicator IN @indicators"
                  + (orgUnits is null ? "" : " AND org_unit IN @orgUnits");
        return connection.Query<FigureRow>(sql, new { periods, indicators, orgUnits }, transaction).AsList();
    }

    public async Task<IReadOnlyList<(string Period, string Indicator)>> ListPeriodIndicatorsAsync() =>
        (await connection.QueryAsync<(string, string)>("SELECT DISTINCT period, indicator FROM figures", transaction: transaction)).AsList();

    public Task UpsertRollupsAsync(IReadOnlyList<StoredRollup> rows)
    {
        if (rows.Count > 0)
        {
            using var upsert = new PreparedCommand(connection, transaction, """
                INSERT INTO rollups (org_unit, period, indicator, row) VALUES (@OrgUnit, @Period, @Indicator, @Row)
                ON CONFLICT (org_unit, period, indicator) DO UPDATE SET row = excluded.row
                """, "@OrgUnit", "@Period", "@Indicator", "@Row");
            foreach (var row in rows)
            {
                upsert.Execute(row.OrgUnit, row.Period, row.Indicator, row.Row);
            }
        }
        return Task.CompletedTask;
    }

    public Task DeleteRollupsAsync(IReadOnlyList<(string OrgUnit, string Period, string Indicator)> keys)
    {
        if (keys.Count > 0)
        {
            using var delete = new PreparedCommand(connection, transaction,
                "DELETE FROM rollups WHERE org_unit = @OrgUnit AND period = @Period AND indicator = @Indicator", "@OrgUnit", "@Period", "@Indicator");
            foreach (var (orgUnit, period, indicator) in keys)
            {
                delete.Execute(orgUnit, period, indicator);
            }
        }
        return Task.CompletedTask;
    }

    public Task ResetAsync() =>
        connection.ExecuteAsync("DELETE FROM figures; DELETE FROM figure_revisions; DELETE FROM rollups; DELETE FROM feed_cursors;", transaction: transaction);

    public Task SetCursorAsync(string feed, long sequence) =>
        connection.ExecuteAsync("""
            INSERT INTO feed_cursors (feed, sequence) VALUES (@feed, @sequence)
            ON CONFLICT (feed) DO UPDATE SET sequence = max(feed_cursors.sequence, excluded.sequence)
            """, new { feed, sequence }, transaction);

    public Task CommitAsync() => transaction.CommitAsync();

    public async ValueTask DisposeAsync()
    {
        await transaction.DisposeAsync();
        await connection.DisposeAsync();
    }

    internal static async Task<IReadOnlyList<FigureRow>> ReadFiguresAsync(SqliteConnection connection, SqliteTransaction? transaction,
        IReadOnlyCollection<string> periods, IReadOnlyCollection<string> indicators, CancellationToken cancellationToken)
    {
        var sql = $"SELECT {SqliteRollupStore.FigureColumns} FROM figures WHERE period IN @periods"
                  + (indicators.Count > 0 ? " AND indicator IN @indicators" : "");
        var rows = await connection.QueryAsync<FigureRow>(new CommandDefinition(sql, new { periods, indicators }, transaction, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
