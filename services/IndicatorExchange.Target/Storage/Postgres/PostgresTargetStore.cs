using Dapper;
using IndicatorExchange.Storage.Postgres;
using Npgsql;

namespace IndicatorExchange.Target.Storage.Postgres;

/// <summary>
/// Targets in PostgreSQL, with the same behaviour as the SQLite store. Several writers (replicas) may run at once: the
/// unique revision per target and the request id's primary key refuse the later of two conflicting commits, and the
/// write is then run again from the start (it then sees the other's commit: a replay, or the next revision).
/// </summary>
internal sealed class PostgresTargetStore(PostgresDatabase database) : ITargetStore
{
    private const int Attempts = 5;

    private static readonly PostgresRequestLog Requests = new("target_requests");

    private const string Columns = """
        r.sequence, r.org_unit AS OrgUnit, r.indicator, r.year, r.kind, r.threshold::text AS Threshold, r.unit, r.note,
        r.revision, r.set_by AS SetBy, r.request_id AS RequestId, r.set_at AS SetAt,
        r.normalised_threshold::text AS NormalisedThreshold, r.canonical_unit AS CanonicalUnit, r.milestones, r.reason
        """;

    // Another writer may commit the same request id or a revision of the same target first: then the batch starts again.
    public Task<ApplyOutcome> ApplyAsync(TargetBatch batch, bool validateOnly, Func<TargetCounts, byte[]> encodeResponse, CancellationToken cancellationToken) =>
        PostgresRequestLog.RetryConflictsAsync(() => ApplyOnceAsync(batch, validateOnly, encodeResponse, cancellationToken), Attempts);

    private async Task<ApplyOutcome> ApplyOnceAsync(TargetBatch batch, bool validateOnly, Func<TargetCounts, byte[]> encodeResponse, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        if (batch.RequestId.Length > 0 && await Requests.FindAsync(connection, transaction, batch.RequestId) is var (response, hash))
        {
            return new ApplyOutcome.Replayed(response, hash);
        }

        var current = (await connection.QueryAsync<StoredTarget>(
            $"""
            SELECT {Columns}
            FROM current_targets c JOIN target_revisions r ON r.sequence = c.sequence
            WHERE c.org_unit = ANY(@OrgUnits) AND c.year = ANY(@Years)
            """,
            new
            {
                OrgUnits = batch.Targets.Select(t => t.Key.OrgUnit).Distinct().ToArray(),
                Years = batch.Targets.Select(t => t.Key.Year).Distinct().ToArray(),
            }, transaction)).ToDictionary(t => t.Key);

        var setAt = DateTimeOffset.UtcNow.ToString("O");
        var revisions = TargetRevisions.Of(batch.Targets, current);
        foreach (var (target, revision) in revisions.ToInsert)
        {
            await InsertRevisionAsync(connection, transaction, batch, target, revision, setAt);
        }

        var counts = revisions.Counts;
        await Requests.FinishAsync(connection, transaction, validateOnly, batch.RequestId, batch.RequestHash, () => encodeResponse(counts), setAt, cancellationToken);
        return new ApplyOutcome.Applied(counts);
    }

    public async Task<IReadOnlyList<StoredTarget>> ListCurrentAsync(TargetQuery query, CancellationToken cancellationToken)
    {
        var (sql, parameters) = TargetListingSql.For(query, Columns);
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredTarget>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<StoredTarget>> HistoryAsync(TargetKey key, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredTarget>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM target_revisions r
            WHERE r.org_unit = @OrgUnit AND r.indicator = @Indicator AND r.year = @Year AND r.kind = @Kind ORDER BY r.sequence
            """, new { key.OrgUnit, key.Indicator, key.Year, key.Kind }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<StoredTarget>> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // In commit order, never skipping a revision that took a lower sequence and committed later (PostgresFeed).
        var rows = await connection.QueryAsync<StoredTarget>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM target_revisions r WHERE {PostgresFeed.Committed("target_revisions", "r", afterSequence)}
            ORDER BY {PostgresFeed.Order("r")} LIMIT @limit
            """,
            new { afterSequence, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The current value floors of the given org units for the given indicators and years (decomposition checks).</summary>
    public async Task<IReadOnlyList<StoredTarget>> ListFloorsAsync(IReadOnlyCollection<string> orgUnits, IReadOnlyCollection<string> indicators,
        IReadOnlyCollection<int> years, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<StoredTarget>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM current_targets c JOIN target_revisions r ON r.sequence = c.sequence
            WHERE c.kind = 'value_at_least' AND c.org_unit = ANY(@orgUnits) AND c.indicator = ANY(@indicators) AND c.year = ANY(@years)
            """, new { orgUnits = orgUnits.ToArray(), indicators = indicators.ToArray(), years = years.ToArray() },
            cancellationToken: cancellationToken));
        return rows.AsList();
    }

    private static Task InsertRevisionAsync(NpgsqlConnection connection, NpgsqlTransaction transaction,
        TargetBatch batch, ValidTarget target, long revision, string setAt)
    {
        const string Sql = """
            WITH inserted AS (
                INSERT INTO target_revisions (org_unit, indicator, year, kind, threshold, unit, note, revision, set_by, request_id, set_at,
                                              normalised_threshold, canonical_unit, milestones, reason)
                VALUES (@OrgUnit, @Indicator, @Year, @Kind, CAST(@Threshold AS numeric), @Unit, @Note, @Revision, @SetBy, @RequestId, @SetAt,
                        CAST(@NormalisedThreshold AS numeric), @CanonicalUnit, @Milestones, @Reason)
                RETURNING org_unit, indicator, year, kind, sequence)
            INSERT INTO current_targets (org_unit, indicator, year, kind, sequence)
            SELECT org_unit, indicator, year, kind, sequence FROM inserted
            ON CONFLICT (org_unit, indicator, year, kind) DO UPDATE SET sequence = excluded.sequence
            """;
        return connection.ExecuteAsync(Sql, new
        {
            target.Key.OrgUnit, target.Key.Indicator, target.Key.Year, target.Key.Kind,
            target.Threshold, target.Unit, target.Note, Revision = revision,
            batch.SetBy, batch.RequestId, SetAt = setAt,
            NormalisedThreshold = target.NormalisedThreshold.Length == 0 ? null : target.NormalisedThreshold,
            target.CanonicalUnit, target.Milestones, batch.Reason,
        }, transaction);
    }
}
