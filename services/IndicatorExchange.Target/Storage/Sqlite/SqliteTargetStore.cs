using Dapper;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Target.Storage.Sqlite;

/// <summary>Targets in SQLite. Writers are serialised by BEGIN IMMEDIATE.</summary>
internal sealed class SqliteTargetStore(SqliteDatabase database) : ITargetStore
{
    private static readonly RequestLog Requests = new("target_requests");

    private const string Columns = """
        r.sequence, r.org_unit AS OrgUnit, r.indicator, r.year, r.kind, r.threshold, r.unit, r.note,
        r.revision, r.set_by AS SetBy, r.request_id AS RequestId, r.set_at AS SetAt,
        r.normalised_threshold AS NormalisedThreshold, r.canonical_unit AS CanonicalUnit, r.milestones, r.reason
        """;

    public async Task<ApplyOutcome> ApplyAsync(TargetBatch batch, bool validateOnly, Func<TargetCounts, byte[]> encodeResponse, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        // BEGIN IMMEDIATE: take the write lock now, so the request-id check and the writes are one step.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);

        if (batch.RequestId.Length > 0 && await Requests.FindAsync(connection, transaction, batch.RequestId) is var (response, hash))
        {
            return new ApplyOutcome.Replayed(response, hash);
        }

        var current = (await connection.QueryAsync<StoredTarget>(
            $"""
            SELECT {Columns}
            FROM current_targets c JOIN target_revisions r ON r.sequence = c.sequence
            WHERE c.org_unit IN @OrgUnits AND c.year IN @Years
            """,
            new
            {
                OrgUnits = batch.Targets.Select(t => t.Key.OrgUnit).Distinct().ToList(),
                Years = batch.Targets.Select(t => t.Key.Year).Distinct().ToList(),
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
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<StoredTarget>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<StoredTarget>> HistoryAsync(TargetKey key, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<StoredTarget>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM target_revisions r
            WHERE r.org_unit = @OrgUnit AND r.indicator = @Indicator AND r.year = @Year AND r.kind = @Kind ORDER BY r.sequence
            """, key, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    public async Task<IReadOnlyList<StoredTarget>> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<StoredTarget>(new CommandDefinition(
            $"SELECT {Columns} FROM target_revisions r WHERE r.sequence > @afterSequence ORDER BY r.sequence LIMIT @limit",
            new { afterSequence, limit }, cancellationToken: cancellationToken));
        return rows.AsList();
    }

    /// <summary>The current value floors of the given org units for the given indicators and years (decomposition checks).</summary>
    public async Task<IReadOnlyList<StoredTarget>> ListFloorsAsync(IReadOnlyCollection<string> orgUnits, IReadOnlyCollection<string> indicators,
        IReadOnlyCollection<int> years, CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        var rows = await connection.QueryAsync<StoredTarget>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM current_targets c JOIN target_revisions r ON r.sequence = c.sequence
            WHERE c.kind = 'value_at_least' AND c.org_unit IN @orgUnits AND c.indicator IN @indicators AND c.year IN @years
            """, new { orgUnits, indicators, years }, cancellationToken: cancellationToken));
        return rows.AsList();
    }


    private static Task InsertRevisionAsync(SqliteConnection connection, SqliteTransaction transaction,
        TargetBatch batch, ValidTarget target, long revision, string setAt)
    {
        const string Sql = """
            INSERT INTO target_revisions (org_unit, indicator, year, kind, threshold, unit, note, revision, set_by, request_id, set_at,
                                          normalised_threshold, canonical_unit, milestones, reason)
            VALUES (@OrgUnit, @Indicator, @Year, @Kind, @Threshold, @Unit, @Note, @Revision, @SetBy, @RequestId, @SetAt,
                    @NormalisedThreshold, @CanonicalUnit, @Milestones, @Reason);
            INSERT INTO current_targets (org_unit, indicator, year, kind, sequence)
            VALUES (@OrgUnit, @Indicator, @Year, @Kind, last_insert_rowid())
            ON CONFLICT (org_unit, indicator, year, kind) DO UPDATE SET sequence = excluded.sequence;
            """;
        return connection.ExecuteAsync(Sql, new
        {
            target.Key.OrgUnit, target.Key.Indicator, target.Key.Year, target.Key.Kind,
            target.Threshold, target.Unit, target.Note, Revision = revision,
            batch.SetBy, batch.RequestId, SetAt = setAt,
            target.NormalisedThreshold, target.CanonicalUnit, target.Milestones, batch.Reason,
        }, transaction);
    }
}
