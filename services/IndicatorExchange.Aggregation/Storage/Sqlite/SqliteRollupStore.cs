using Dapper;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Aggregation.Storage.Sqlite;

/// <summary>The aggregator's storage in its own SQLite database.</summary>
internal sealed class SqliteRollupStore(SqliteDatabase database) : IRollupStore
{
    internal const string FigureColumns = """
        org_unit AS OrgUnit, indicator, period, value, yoy_growth_pct AS YoyGrowthPct, status, revision, sequence,
        received_at AS ReceivedAt, first_received_at AS FirstReceivedAt, open_warnings AS OpenWarnings
        """;

    public async Task<long> GetCursorAsync(string feed, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT sequence FROM feed_cursors WHERE feed = @feed", new { feed }, cancellationToken: cancellationToken)) ?? 0;
    }

    public async Task<IRollupSession> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = database.Open(SqliteDatabase.LargeWorkCacheMiB);
        var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        return new SqliteRollupSession(database, connection, transaction);
    }

    public async Task<IReadOnlyList<FigureRow>> ReadAsync(IReadOnlyCollection<Period> periods, IReadOnlyCollection<string> indicators, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        return await SqliteRollupSession.ReadFiguresAsync(connection, null, periods, indicators, cancellationToken);
    }

    public async Task<IReadOnlyList<FigureRow>> ReadAsOfAsync(IReadOnlyCollection<Period> periods, IReadOnlyCollection<string> indicators, DateTimeOffset asOf,
        CancellationToken cancellationToken)
    {
        var sql = $"""
            SELECT {FigureColumns} FROM (
                SELECT r.*,
                       min(r.received_at) OVER (PARTITION BY r.org_unit, r.indicator, r.period) AS first_received_at,
                       row_number() OVER (PARTITION BY r.org_unit, r.indicator, r.period ORDER BY r.sequence DESC) AS newest
                FROM figure_revisions r
                WHERE r.received_at <= @asOf AND r.period IN @periods {(indicators.Count > 0 ? "AND r.indicator IN @indicators" : "")})
            WHERE newest = 1
            """;
        await using var connection = database.Open();
        return (await connection.QueryAsync<FigureRow>(new CommandDefinition(sql, new { asOf = asOf.ToUniversalTime().ToString("O"), periods = SqliteRollupSession.Codes(periods), indicators }, cancellationToken: cancellationToken))).AsList();
    }

    public Task<bool> SettleAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        var truncated = database.TruncateWriteAheadLog();
        database.ReleaseIdleConnections();
        return truncated;
    }, cancellationToken);

    public async Task<long> CountRollupsAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM node_values", cancellationToken: cancellationToken));
    }

    public async Task<SummaryInputs> ReadSummaryInputsAsync(IReadOnlyCollection<string> innerNodes, IReadOnlyCollection<string> leaves, Period period,
        IReadOnlyCollection<Period> figurePeriods, IReadOnlyCollection<string> indicators, IReadOnlyCollection<Period> weightPeriods,
        IReadOnlyCollection<string> weightIndicators, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        // One read transaction, so that the values and the figures are of the same commit.
        using var transaction = connection.BeginTransaction(deferred: true);
        var filter = indicators.Count > 0 ? " AND indicator IN @indicators" : "";
        // The index is named, because without statistics SQLite would rather scan the period in the table's own key order.
        var values = innerNodes.Count == 0
            ? []
            : (await connection.QueryAsync<(string OrgUnit, string Indicator, byte[] Value)>(new CommandDefinition(
                "SELECT org_unit, indicator, value FROM node_values INDEXED BY node_values_org_unit WHERE org_unit IN @innerNodes AND period = @period" + filter,
                new { innerNodes, period = period.ToString(), indicators }, transaction, cancellationToken: cancellationToken)))
            .Select(v => new StoredNodeValue(new NodeKey(v.OrgUnit, period, v.Indicator), NodeValueCodec.Decode(v.Value))).ToList();
        var figures = leaves.Count == 0
            ? []
            : (await connection.QueryAsync<FigureRow>(new CommandDefinition(
                $"SELECT {FigureColumns} FROM figures WHERE period IN @figurePeriods AND org_unit IN @leaves" + filter,
                new { leaves, figurePeriods = SqliteRollupSession.Codes(figurePeriods), indicators }, transaction, cancellationToken: cancellationToken))).AsList();
        if (leaves.Count > 0 && weightPeriods.Count > 0 && weightIndicators.Count > 0)
        {
            figures.AddRange(await connection.QueryAsync<FigureRow>(new CommandDefinition(
                $"SELECT {FigureColumns} FROM figures WHERE period IN @weightPeriods AND org_unit IN @leaves AND indicator IN @weightIndicators",
                new { leaves, weightPeriods = SqliteRollupSession.Codes(weightPeriods), weightIndicators }, transaction, cancellationToken: cancellationToken)));
        }
        return new SummaryInputs(values, figures);
    }

    public async Task<bool> RecomputationPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM recomputation_pending)", cancellationToken: cancellationToken));
    }
}
