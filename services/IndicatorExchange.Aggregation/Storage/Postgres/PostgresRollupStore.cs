using Dapper;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;
using IndicatorExchange.Storage.Postgres;

namespace IndicatorExchange.Aggregation.Storage.Postgres;

/// <summary>
/// The aggregator's storage in its schema of a PostgreSQL database, with the same behaviour as the SQLite store. With a
/// <paramref name="leadership"/> only the leading replica may write, and each of its transactions is fenced by its epoch;
/// without one (a single writer, as in the engine's tests) nothing is fenced.
/// </summary>
internal sealed class PostgresRollupStore(PostgresDatabase database, PostgresLeadership? leadership = null) : IRollupStore
{
    /// <summary>A figure's columns as <see cref="FigureRow"/> reads them: the numbers as their text, which keeps their scale.</summary>
    internal const string FigureColumns = """
        org_unit AS OrgUnit, indicator, period, value::text AS Value, yoy_growth_pct::text AS YoyGrowthPct, status, revision, sequence,
        received_at AS ReceivedAt, first_received_at AS FirstReceivedAt, open_warnings AS OpenWarnings
        """;

    public async Task<long> GetCursorAsync(string feed, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT sequence FROM feed_cursors WHERE feed = @feed", new { feed }, cancellationToken: cancellationToken)) ?? 0;
    }

    public async Task<IRollupSession> BeginAsync(CancellationToken cancellationToken)
    {
        long? epoch = null;
        if (leadership is not null)
        {
            epoch = leadership.Epoch ?? throw new NotLeadingException("This aggregation replica does not lead: it does not write the rollups.");
        }
        var connection = await database.OpenAsync(cancellationToken);
        try
        {
            // BEGIN goes with the session's first statement (Npgsql sends it then), not in a round trip of its own.
            var transaction = await connection.BeginTransactionAsync(cancellationToken);
            return new PostgresRollupSession(database, connection, transaction, leadership is null ? null : new RollupFence(leadership, epoch!.Value));
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task<IReadOnlyList<FigureRow>> ReadAsync(IReadOnlyCollection<Period> periods, IReadOnlyCollection<string> indicators, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FigureRow>(new CommandDefinition(
            $"SELECT {FigureColumns} FROM figures WHERE period = ANY(@periods)" + (indicators.Count > 0 ? " AND indicator = ANY(@indicators)" : ""),
            new { periods = Codes(periods), indicators = indicators.ToArray() }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<FigureRow>> ReadAsOfAsync(IReadOnlyCollection<Period> periods, IReadOnlyCollection<string> indicators, DateTimeOffset asOf,
        CancellationToken cancellationToken)
    {
        // The newest revision by its number: the feed may bring a figure's revisions out of their order (see PostgresRollupSession).
        var sql = $"""
            SELECT {FigureColumns} FROM (
                SELECT r.*,
                       min(r.received_at) OVER (PARTITION BY r.org_unit, r.indicator, r.period) AS first_received_at,
                       row_number() OVER (PARTITION BY r.org_unit, r.indicator, r.period ORDER BY r.revision DESC, r.sequence DESC) AS newest
                FROM figure_revisions r
                WHERE r.received_at <= @asOf AND r.period = ANY(@periods) {(indicators.Count > 0 ? "AND r.indicator = ANY(@indicators)" : "")}) r
            WHERE newest = 1
            """;
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FigureRow>(new CommandDefinition(sql,
            new { asOf = asOf.ToUniversalTime().ToString("O"), periods = Codes(periods), indicators = indicators.ToArray() }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Nothing to settle: PostgreSQL checkpoints on its own, and the pool's idle connections hold no caches of the rewrite.</summary>
    public Task<bool> SettleAsync(CancellationToken cancellationToken) => Task.FromResult(true);

    public async Task<long> CountRollupsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM node_values", cancellationToken: cancellationToken));
    }

    public async Task<SummaryInputs> ReadSummaryInputsAsync(IReadOnlyCollection<string> innerNodes, IReadOnlyCollection<string> leaves, Period period,
        IReadOnlyCollection<Period> figurePeriods, IReadOnlyCollection<string> indicators, IReadOnlyCollection<Period> weightPeriods,
        IReadOnlyCollection<string> weightIndicators, CancellationToken cancellationToken)
    {
        // One statement, so one snapshot (the values and the figures are of the same commit) and one round trip: the inner
        // nodes' values, then the figures, a row with a node value being one of the first.
        var filter = indicators.Count > 0 ? " AND indicator = ANY(@indicators)" : "";
        var parts = new List<string>();
        if (innerNodes.Count > 0)
        {
            parts.Add($"""
                SELECT org_unit AS OrgUnit, indicator, '' AS period, '' AS Value, NULL AS YoyGrowthPct, 0 AS status, 0::bigint AS revision,
                       0::bigint AS sequence, '' AS ReceivedAt, NULL AS FirstReceivedAt, 0 AS OpenWarnings, value AS NodeValue
                FROM node_values WHERE org_unit = ANY(@innerNodes) AND period = @period{filter}
                """);
        }
        if (leaves.Count > 0)
        {
            parts.Add($"SELECT {FigureColumns}, NULL::bytea AS NodeValue FROM figures WHERE period = ANY(@figurePeriods) AND org_unit = ANY(@leaves){filter}");
            if (weightPeriods.Count > 0 && weightIndicators.Count > 0)
            {
                parts.Add($"""
                    SELECT {FigureColumns}, NULL::bytea AS NodeValue FROM figures
                    WHERE period = ANY(@weightPeriods) AND org_unit = ANY(@leaves) AND indicator = ANY(@weightIndicators)
                    """);
            }
        }
        if (parts.Count == 0)
        {
            return new SummaryInputs([], []);
        }
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<FigureRow, StoredBytes, (FigureRow Figure, StoredBytes? Value)>(new CommandDefinition(
            string.Join("\nUNION ALL\n", parts), new
            {
                innerNodes = innerNodes.ToArray(),
                leaves = leaves.ToArray(),
                period = period.ToString(),
                figurePeriods = Codes(figurePeriods),
                indicators = indicators.ToArray(),
                weightPeriods = Codes(weightPeriods),
                weightIndicators = weightIndicators.ToArray(),
            }, cancellationToken: cancellationToken), (figure, value) => (figure, value), splitOn: nameof(StoredBytes.NodeValue));
        var values = new List<StoredNodeValue>();
        var figures = new List<FigureRow>();
        foreach (var (figure, value) in rows)
        {
            if (value is null)
            {
                figures.Add(figure);
            }
            else
            {
                values.Add(new StoredNodeValue(new NodeKey(figure.OrgUnit, period, figure.Indicator), NodeValueCodec.Decode(value.NodeValue)));
            }
        }
        return new SummaryInputs(values, figures);
    }

    /// <summary>A node value's bytes, beside the figure columns of a row that has none (Dapper maps an all-null part to null).</summary>
    private sealed class StoredBytes
    {
        public byte[] NodeValue { get; init; } = [];
    }

    public async Task<bool> RecomputationPendingAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM recomputation_pending)", cancellationToken: cancellationToken));
    }

    /// <summary>Period codes as stored.</summary>
    internal static string[] Codes(IEnumerable<Period> periods) => periods.Select(p => p.ToString()).ToArray();
}
