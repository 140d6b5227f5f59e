using Dapper;
using IndicatorExchange.ServiceDefaults.Sqlite;

namespace IndicatorExchange.Aggregation.Storage;

public sealed class SqliteRollupStore(SqliteDatabase database) : IRollupStore
{
    public async Task<long> GetCursorAsync(string feed, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT sequence FROM feed_cursors WHERE feed = @feed", new { feed }, cancellationToken: cancellationToken)) ?? 0;
    }

    public async Task ApplyAsync(string feed, IReadOnlyList<FigureRow> changes, CancellationToken cancellationToken)
    {
        if (changes.Count == 0)
        {
            return;
        }
        const string UpsertSql = """
            INSERT INTO figures (org_unit, indicator, period, value, yoy_growth_pct, status, revision, sequence, received_at)
            VALUES (@OrgUnit, @Indicator, @Period, @Value, @YoyGrowthPct, @Status, @Revision, @Sequence, @ReceivedAt)
            ON CONFLICT (org_unit, indicator, period) DO UPDATE SET
                value = excluded.value, yoy_growth_pct = excluded.yoy_growth_pct, status = excluded.status,
                revision = excluded.revision, sequence = excluded.sequence, received_at = excluded.received_at
            WHERE excluded.sequence > figures.sequence
            """;
        const string CursorSql = """
            INSERT INTO feed_cursors (feed, sequence) VALUES (@feed, @sequence)
            ON CONFLICT (feed) DO UPDATE SET sequence = max(feed_cursors.sequence, excluded.sequence)
            """;
        await using var connection = database.Open();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(UpsertSql, changes, transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(CursorSql, new { feed, sequence = changes.Max(c => c.Sequence) }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<FigureRow>> ReadAsync(IReadOnlyList<string> periods, IReadOnlyList<string> indicators, CancellationToken cancellationToken)
    {
        var sql = """
            SELECT org_unit AS OrgUnit, indicator, period, value, yoy_growth_pct AS YoyGrowthPct, status, revision, sequence,
                   received_at AS ReceivedAt
            FROM figures WHERE period IN @periods
            """ + (indicators.Count > 0 ? " AND indicator IN @indicators" : "");
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<FigureRow>(new CommandDefinition(sql, new { periods, indicators }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
