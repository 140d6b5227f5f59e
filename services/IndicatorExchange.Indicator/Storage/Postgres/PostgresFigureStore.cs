using System.Text;
using Dapper;
using IndicatorExchange.Storage.Postgres;
using Npgsql;
using NpgsqlTypes;

namespace IndicatorExchange.Indicator.Storage.Postgres;

/// <summary>
/// Figures in PostgreSQL, with the same behaviour as the SQLite store. Several writers (replicas) may run at once: the
/// unique revision per figure and the request id's primary key refuse the later of two conflicting commits, and the
/// write is then run again from the start (it then sees the other's commit: a replay, or the next revision). A batch's
/// revisions go in by one binary COPY, whatever their number. The change feed is <see cref="PostgresFeed"/>.
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

    /// <summary>
    /// One statement for any number of (org unit, period) keys, which must be distinct. Each key is looked up in the current
    /// figures' key on its own (a LATERAL subquery that OFFSET 0 keeps from being merged into a join): left to choose, the
    /// planner took a hash join over a sequential scan of every current figure (0.25–1.8 s a batch once a quarter was stored).
    /// </summary>
    private static async Task<IReadOnlyList<StoredFigure>> CurrentOfAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction,
        IReadOnlyCollection<(string OrgUnit, string Period)> keys, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<StoredFigure>(new CommandDefinition(
            $"""
            SELECT {Columns}
            FROM unnest(@OrgUnits::text[], @Periods::text[]) AS g(org_unit, period)
            CROSS JOIN LATERAL (
                SELECT c.sequence FROM current_figures c WHERE c.org_unit = g.org_unit AND c.period = g.period OFFSET 0) c
            JOIN figure_revisions r ON r.sequence = c.sequence
            """,
            new { OrgUnits = keys.Select(k => k.OrgUnit).ToArray(), Periods = keys.Select(k => k.Period).ToArray() },
            transaction, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>
    /// Appends the revisions in the batch's order and makes each current; answers the last sequence. The rows go in by binary
    /// COPY under sequence numbers taken first (one round trip for any number), not by an INSERT over unnested arrays: the
    /// server then neither parses arrays nor sorts the rows back into the batch's order. A new figure's pointer is copied
    /// in too, a revised one's moved by one upsert; a concurrent writer of the same figure is refused by the unique
    /// revision (or the pointer's key), and the batch starts again.
    /// </summary>
    private static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, FigureBatch batch,
        IReadOnlyList<FigureRevisions.Insert> toInsert, string receivedAt, CancellationToken cancellationToken)
    {
        var sequences = await TakeSequencesAsync(connection, transaction, toInsert.Count, cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
                         $"COPY {Revisions} ({CopiedColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var k = 0; k < toInsert.Count; k++)
            {
                var (group, figure, replaced) = toInsert[k];
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(sequences[k], NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(group.OrgUnit, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(group.Period, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(figure.Indicator, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(toInsert[k].Revision, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(PostgresNumeric.Exact(figure.Value), NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(figure.Unit, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(PostgresNumeric.Exact(figure.SentValue), NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(figure.SentUnit, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, figure.YoyGrowthPct is null ? (decimal?)null : PostgresNumeric.Exact(figure.YoyGrowthPct), NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(figure.Status, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(figure.Note, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(batch.SubmittedBy, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(batch.RequestId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(receivedAt, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, replaced?.Sequence, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(FigureWarning.Serialize(figure.Warnings), NpgsqlDbType.Text, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        await MakeCurrentAsync(connection, transaction, toInsert, sequences, cancellationToken);
        return sequences[^1];
    }

    private const string CopiedColumns = """
        sequence, org_unit, period, indicator, revision, value, unit, sent_value, sent_unit, yoy_growth_pct, status, note,
        submitted_by, request_id, received_at, replaces_sequence, warnings
        """;

    /// <summary>The next <paramref name="count"/> numbers of the revisions' identity, in increasing order.</summary>
    private static async Task<long[]> TakeSequencesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, int count, CancellationToken cancellationToken)
    {
        var taken = (await connection.QueryAsync<long>(new CommandDefinition(
            $"SELECT nextval('{Revisions}_sequence_seq') FROM generate_series(1, @count)", new { count }, transaction,
            cancellationToken: cancellationToken))).ToArray();
        Array.Sort(taken);
        return taken;
    }

    /// <summary>Points each figure at its new revision: new figures' pointers copied in, revised ones' moved in one statement.</summary>
    private static async Task MakeCurrentAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<FigureRevisions.Insert> toInsert,
        long[] sequences, CancellationToken cancellationToken)
    {
        var revised = new List<int>();
        await using (var copy = await connection.BeginBinaryImportAsync(
                         "COPY current_figures (org_unit, period, indicator, sequence) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            for (var k = 0; k < toInsert.Count; k++)
            {
                if (toInsert[k].Replaced is not null)
                {
                    revised.Add(k);
                    continue;
                }
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(toInsert[k].Group.OrgUnit, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(toInsert[k].Group.Period, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(toInsert[k].Figure.Indicator, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(sequences[k], NpgsqlDbType.Bigint, cancellationToken);
            }
            await copy.CompleteAsync(cancellationToken);
        }
        if (revised.Count == 0)
        {
            return;
        }
        // An upsert rather than an UPDATE … FROM: its conflict check probes the key for each row, where a join may scan the table.
        // The arrays are unnested side by side in the select list: FROM unnest(a, b, …) would fill a tuple store per array.
        await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO current_figures (org_unit, period, indicator, sequence)
            SELECT unnest(@OrgUnits::text[]), unnest(@Periods::text[]), unnest(@Indicators::text[]), unnest(@Sequences::bigint[])
            ON CONFLICT (org_unit, period, indicator) DO UPDATE SET sequence = excluded.sequence
            """, new
        {
            OrgUnits = revised.Select(k => toInsert[k].Group.OrgUnit).ToArray(),
            Periods = revised.Select(k => toInsert[k].Group.Period).ToArray(),
            Indicators = revised.Select(k => toInsert[k].Figure.Indicator).ToArray(),
            Sequences = revised.Select(k => sequences[k]).ToArray(),
        }, transaction, cancellationToken: cancellationToken));
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, cancellationToken) : copy.WriteNullAsync(cancellationToken);

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
