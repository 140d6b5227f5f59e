using System.Text;
using Dapper;
using IndicatorExchange.Storage.Postgres;
using Npgsql;

namespace IndicatorExchange.Indicator.Storage.Postgres;

/// <summary>
/// Figures in PostgreSQL, with the same behaviour as the SQLite store. Several writers (replicas) may run at once: the
/// unique revision per figure and the request id's primary key refuse the later of two conflicting commits, and the
/// write is then run again from the start (it then sees the other's commit: a replay, or the next revision). A batch's
/// revisions go in with one statement, whatever their number. The change feed is <see cref="PostgresFeed"/>.
/// </summary>
internal sealed class PostgresFigureStore : IFigureStore
{
    /// <summary>Enough for every writer of one figure in a burst of concurrent batches to get its turn.</summary>
    private const int Attempts = 10;

    private const string Revisions = "figure_revisions";

    private static readonly PostgresRequestLog Requests = new("submission_requests");

    private const string Columns = """
        r.sequence, r.org_unit AS OrgUnit, r.period, r.indicator, r.revision, r.value::text AS Value, r.unit,
        r.sent_value::text AS SentValue, r.sent_unit AS SentUnit, r.yoy_growth_pct::text AS YoyGrowthPct, r.status, r.note,
        r.submitted_by AS SubmittedBy, r.request_id AS RequestId, r.received_at AS ReceivedAt,
        r.replaces_sequence AS ReplacesSequence, r.warnings
        """;

    private readonly PostgresDatabase _database;

    public PostgresFigureStore(PostgresDatabase database)
    {
        _database = database;
        PostgresFeedMetrics.Observe(database, Revisions);
    }

    // Another writer may commit the same request id or a revision of the same figure first: then the batch starts again.
    public Task<ApplyOutcome> ApplyAsync(FigureBatch batch, bool validateOnly, Func<BatchCounts, byte[]> encodeResponse, CancellationToken cancellationToken) =>
        PostgresRequestLog.RetryConflictsAsync(() => ApplyOnceAsync(batch, validateOnly, encodeResponse, cancellationToken), Attempts);

    private async Task<ApplyOutcome> ApplyOnceAsync(FigureBatch batch, bool validateOnly, Func<BatchCounts, byte[]> encodeResponse, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (batch.RequestId.Length > 0 && await Requests.FindAsync(connection, transaction, batch.RequestId) is var (response, hash))
        {
            return new ApplyOutcome.Replayed(response, hash);
        }

        var receivedAt = DateTimeOffset.UtcNow.ToString("O");
        var revisions = FigureRevisions.Of(batch.Groups, await CurrentAsync(connection, transaction, batch.Groups, cancellationToken));
        var lastSequence = revisions.ToInsert.Count == 0 ? 0 : await InsertAsync(connection, transaction, batch, revisions.ToInsert, receivedAt, cancellationToken);

        var counts = new BatchCounts(revisions.Created, revisions.Updated, revisions.Unchanged, validateOnly ? 0 : lastSequence);
        await Requests.FinishAsync(connection, transaction, validateOnly, batch.RequestId, batch.RequestHash, () => encodeResponse(counts), receivedAt, cancellationToken);
        return new ApplyOutcome.Applied(counts);
    }

    /// <summary>The current revision of every figure of the batch's org units and periods, as this transaction sees them.</summary>
    private static async Task<Dictionary<(string, string, string), StoredFigure>> CurrentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        IReadOnlyList<FigureGroup> groups, CancellationToken cancellationToken)
    {
        // An upload may send one org unit and period in several batches: each is read once, or its figures would come twice.
        var rows = await CurrentOfAsync(connection, transaction, groups.Select(g => (g.OrgUnit, g.Period)).Distinct().ToList(), cancellationToken);
        return rows.ToDictionary(f => (f.OrgUnit, f.Period, f.Indicator));
    }

    public async Task<IReadOnlyList<StoredFigure>> CurrentOfAsync(IReadOnlyCollection<(string OrgUnit, string Period)> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }
        await using var connection = await _database.OpenAsync(cancellationToken);
        return await CurrentOfAsync(connection, null, keys.Distinct().ToList(), cancellationToken);
    }

    /// <summary>One statement for any number of (org unit, period) keys, which must be distinct.</summary>
    private static async Task<IReadOnlyList<StoredFigure>> CurrentOfAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyCollection<(string OrgUnit, string Period)> keys, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<StoredFigure>(new CommandDefinition(
            $"""
            SELECT {Columns}
            FROM unnest(@OrgUnits::text[], @Periods::text[]) AS g(org_unit, period)
            JOIN current_figures c ON c.org_unit = g.org_unit AND c.period = g.period
            JOIN figure_revisions r ON r.sequence = c.sequence
            """,
            new { OrgUnits = keys.Select(k => k.OrgUnit).ToArray(), Periods = keys.Select(k => k.Period).ToArray() },
            transaction, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>Appends the revisions in the batch's order and makes each current, in one statement; answers the last sequence.</summary>
    private static Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FigureBatch batch,
        IReadOnlyList<FigureRevisions.Insert> toInsert, string receivedAt, CancellationToken cancellationToken)
    {
        const string Sql = """
            WITH inserted AS (
                INSERT INTO figure_revisions (org_unit, period, indicator, revision, value, unit, sent_value, sent_unit, yoy_growth_pct,
                                              status, note, submitted_by, request_id, received_at, replaces_sequence, warnings)
                SELECT f.org_unit, f.period, f.indicator, f.revision, f.value, f.unit, f.sent_value, f.sent_unit, f.growth,
                       f.status, f.note, @SubmittedBy, @RequestId, @ReceivedAt, f.replaces, f.warnings
                FROM unnest(@OrgUnits::text[], @Periods::text[], @Indicators::text[], @Revisions::bigint[], @Values::numeric[], @Units::text[],
                            @SentValues::numeric[], @SentUnits::text[], @Growths::numeric[], @Statuses::integer[], @Notes::text[],
                            @Replaces::bigint[], @Warnings::text[])
                     WITH ORDINALITY AS f(org_unit, period, indicator, revision, value, unit, sent_value, sent_unit, growth,
                                          status, note, replaces, warnings, position)
                ORDER BY f.position
                RETURNING org_unit, period, indicator, sequence),
            made_current AS (
                INSERT INTO current_figures (org_unit, period, indicator, sequence)
                SELECT org_unit, period, indicator, sequence FROM inserted
                ON CONFLICT (org_unit, period, indicator) DO UPDATE SET sequence = excluded.sequence)
            SELECT max(sequence) FROM inserted
            """;
        return connection.ExecuteScalarAsync<long>(new CommandDefinition(Sql, new
        {
            batch.SubmittedBy,
            batch.RequestId,
            ReceivedAt = receivedAt,
            OrgUnits = toInsert.Select(i => i.Group.OrgUnit).ToArray(),
            Periods = toInsert.Select(i => i.Group.Period).ToArray(),
            Indicators = toInsert.Select(i => i.Figure.Indicator).ToArray(),
            Revisions = toInsert.Select(i => i.Revision).ToArray(),
            Values = toInsert.Select(i => i.Figure.Value).ToArray(),
            Units = toInsert.Select(i => i.Figure.Unit).ToArray(),
            SentValues = toInsert.Select(i => i.Figure.SentValue).ToArray(),
            SentUnits = toInsert.Select(i => i.Figure.SentUnit).ToArray(),
            Growths = toInsert.Select(i => i.Figure.YoyGrowthPct).ToArray(),
            Statuses = toInsert.Select(i => i.Figure.Status).ToArray(),
            Notes = toInsert.Select(i => i.Figure.Note).ToArray(),
            Replaces = toInsert.Select(i => i.Replaced?.Sequence).ToArray(),
            Warnings = toInsert.Select(i => FigureWarning.Serialize(i.Figure.Warnings)).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<StoredFigure>> ListCurrentAsync(FigureQuery query, CancellationToken cancellationToken)
    {
        var sql = FigureListingSql.For(query, Columns, static (column, list) => $"{column} = ANY({list})");
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredFigure>(new CommandDefinition(sql, new
        {
            query.OrgUnit,
            query.Period,
            Periods = query.Periods?.ToArray(),
            Indicators = query.Indicators.ToArray(),
            query.AsOf,
            AfterOrgUnit = query.After?.OrgUnit,
            AfterPeriod = query.After?.Period,
            AfterIndicator = query.After?.Indicator,
            query.Limit,
        }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<StoredFigure>> HistoryAsync(string orgUnit, string period, string indicator, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredFigure>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM figure_revisions r
            WHERE r.org_unit = @orgUnit AND r.period = @period AND r.indicator = @indicator ORDER BY r.sequence
            """,
            new { orgUnit, period, indicator }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<StoredFigure>> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken, RevisionFilter? filter = null)
    {
        var sql = new StringBuilder($"SELECT {Columns} FROM figure_revisions r WHERE {PostgresFeed.Committed(Revisions, "r", afterSequence)}");
        if (filter?.ReceivedAfter is not null) { sql.Append(" AND r.received_at > @receivedAfter"); }
        if (filter?.OrgUnit is not null) { sql.Append(" AND r.org_unit = @orgUnit"); }
        if (filter?.Period is not null) { sql.Append(" AND r.period = @period"); }
        sql.Append($" ORDER BY {PostgresFeed.Order("r")} LIMIT @limit");
        await using var connection = await _database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredFigure>(new CommandDefinition(sql.ToString(), new
        {
            afterSequence,
            limit,
            receivedAfter = filter?.ReceivedAfter,
            orgUnit = filter?.OrgUnit,
            period = filter?.Period,
        }, cancellationToken: cancellationToken));
        return rows.AsList();
    }
}
