using System.Text;
using Dapper;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Indicator.Storage.Sqlite;

/// <summary>
/// Figures in SQLite. Writers are serialised by BEGIN IMMEDIATE, so sequence order is commit order.
/// </summary>
internal sealed class SqliteFigureStore(SqliteDatabase database) : IFigureStore
{
    private static readonly RequestLog Requests = new("submission_requests");

    /// <summary>
    /// Writers of this process queue here, in order, instead of at SQLite's write lock, where a waiting BEGIN IMMEDIATE
    /// polls with sleeps of up to 100 ms (busy_timeout) and so lets the lock sit idle between transactions.
    /// Writers of other processes still meet at the lock.
    /// </summary>
    private readonly SemaphoreSlim _writer = new(1, 1);

    private const string Columns = """
        r.sequence, r.org_unit AS OrgUnit, r.period, r.indicator, r.revision, r.value, r.unit,
        r.sent_value AS SentValue, r.sent_unit AS SentUnit, r.yoy_growth_pct AS YoyGrowthPct, r.status, r.note,
        r.submitted_by AS SubmittedBy, r.request_id AS RequestId, r.received_at AS ReceivedAt,
        r.replaces_sequence AS ReplacesSequence, r.warnings
        """;

    public async Task<ApplyOutcome> ApplyAsync(FigureBatch batch, bool validateOnly, Func<BatchCounts, byte[]> encodeResponse, CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return await ApplyAloneAsync(batch, validateOnly, encodeResponse, cancellationToken);
        }
        finally
        {
            _writer.Release();
        }
    }

    private async Task<ApplyOutcome> ApplyAloneAsync(FigureBatch batch, bool validateOnly, Func<BatchCounts, byte[]> encodeResponse,
        CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        // BEGIN IMMEDIATE: take the write lock now, so the request-id check and the writes are one step.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        if (batch.RequestId.Length > 0 && await Requests.FindAsync(connection, transaction, batch.RequestId) is var (response, hash))
        {
            return new ApplyOutcome.Replayed(response, hash);
        }

        var receivedAt = DateTimeOffset.UtcNow.ToString("O");
        int created = 0, updated = 0, unchanged = 0;
        long lastSequence = 0;
        using (var writer = new RevisionWriter(connection, transaction, batch, receivedAt))
        {
            foreach (var group in batch.Groups)
            {
                var current = writer.Current(group.OrgUnit, group.Period);
                foreach (var figure in group.Figures)
                {
                    current.TryGetValue(figure.Indicator, out var existing);
                    if (existing is not null && figure.SameAs(existing))
                    {
                        unchanged++;
                        continue;
                    }
                    if (existing is null) { created++; } else { updated++; }
                    lastSequence = writer.Insert(group, figure, existing);
                }
            }
            writer.MakeInsertedCurrent();
        }

        var counts = new BatchCounts(created, updated, unchanged, validateOnly ? 0 : lastSequence);
        await Requests.FinishAsync(connection, transaction, validateOnly, batch.RequestId, batch.RequestHash, () => encodeResponse(counts), receivedAt, cancellationToken);
        return new ApplyOutcome.Applied(counts);
    }

    public async Task<IReadOnlyList<StoredFigure>> ListCurrentAsync(FigureQuery query, CancellationToken cancellationToken)
    {
        var sql = FigureListingSql.For(query, Columns, static (column, list) => $"{column} IN {list}");
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<StoredFigure>(new CommandDefinition(sql, new
        {
            query.OrgUnit,
            query.Period,
            query.Periods,
            query.Indicators,
            query.AsOf,
            AfterOrgUnit = query.After?.OrgUnit,
            AfterPeriod = query.After?.Period,
            AfterIndicator = query.After?.Indicator,
            query.Limit,
        }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    // In process, a query per org unit costs no round trip; each uses the current figures' key (org unit, period, indicator).
    public async Task<IReadOnlyList<StoredFigure>> CurrentOfAsync(IReadOnlyCollection<(string OrgUnit, string Period)> keys, CancellationToken cancellationToken)
    {
        var rows = new List<StoredFigure>();
        await using var connection = database.Open();
        foreach (var byOrgUnit in keys.GroupBy(k => k.OrgUnit))
        {
            rows.AddRange(await connection.QueryAsync<StoredFigure>(new CommandDefinition(
                $"SELECT {Columns} FROM current_figures c JOIN figure_revisions r ON r.sequence = c.sequence WHERE c.org_unit = @orgUnit AND c.period IN @periods",
                new { orgUnit = byOrgUnit.Key, periods = byOrgUnit.Select(k => k.Period).Distinct().ToArray() }, cancellationToken: cancellationToken)));
        }
        return rows;
    }

    public async Task<IReadOnlyList<StoredFigure>> HistoryAsync(string orgUnit, string period, string indicator, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<StoredFigure>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM figure_revisions r
            WHERE r.org_unit = @orgUnit AND r.period = @period AND r.indicator = @indicator ORDER BY r.sequence
            """,
            new { orgUnit, period, indicator }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public Task<IReadOnlyList<StoredFigure>> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken, RevisionFilter? filter = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var conditions = new List<(string Sql, string Parameter, string Value)>();
        if (filter?.ReceivedAfter is { } receivedAfter) { conditions.Add(("r.received_at > @receivedAfter", "@receivedAfter", receivedAfter)); }
        if (filter?.OrgUnit is { } orgUnit) { conditions.Add(("r.org_unit = @orgUnit", "@orgUnit", orgUnit)); }
        if (filter?.Period is { } period) { conditions.Add(("r.period = @period", "@period", period)); }
        var sql = new StringBuilder($"SELECT {Columns} FROM figure_revisions r WHERE r.sequence > @afterSequence");
        conditions.ForEach(c => sql.Append(" AND ").Append(c.Sql));
        sql.Append(" ORDER BY r.sequence LIMIT @limit");
        // The feed reads every revision once per follower (a replay: all of them), so its columns are read on the
        // statement's raw pointer: through Microsoft.Data.Sqlite, each column of each row took and released the
        // statement's SafeHandle (9% of a replay's profile).
        using var connection = database.Open();
        using var statement = new SqliteStatement(connection, sql.ToString());
        statement.Bind(statement.IndexOf("@afterSequence"), afterSequence);
        statement.Bind(statement.IndexOf("@limit"), (long)limit);
        conditions.ForEach(c => statement.Bind(statement.IndexOf(c.Parameter), c.Value));
        var rows = new List<StoredFigure>(Math.Min(limit, 1_000));
        while (statement.Read())
        {
            rows.Add(ReadRevision(statement));
        }
        return Task.FromResult<IReadOnlyList<StoredFigure>>(rows);
    }

    /// <summary>One row of <see cref="Columns"/>, in their order.</summary>
    private static StoredFigure ReadRevision(SqliteStatement row) => new()
    {
        Sequence = row.GetInt64(0),
        OrgUnit = row.GetString(1),
        Period = row.GetString(2),
        Indicator = row.GetString(3),
        Revision = row.GetInt64(4),
        Value = row.GetString(5),
        Unit = row.GetString(6),
        SentValue = row.GetString(7),
        SentUnit = row.GetString(8),
        YoyGrowthPct = row.GetNullableString(9),
        Status = row.GetInt32(10),
        Note = row.GetString(11),
        SubmittedBy = row.GetString(12),
        RequestId = row.GetString(13),
        ReceivedAt = row.GetString(14),
        ReplacesSequence = row.IsNull(15) ? null : row.GetInt64(15),
        Warnings = row.GetString(16),
    };
}
