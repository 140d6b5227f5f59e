using IndicatorExchange.Storage.Postgres;
using IndicatorExchange.Target.Storage;
using IndicatorExchange.Target.Storage.Postgres;
using IndicatorExchange.Testing;
using Npgsql;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// The target feed on PostgreSQL in commit order (issue 23, <see cref="PostgresFeed"/>): a revision is not served while
/// a transaction that began before it still runs, and a database migrated from 0001 keeps its revisions in sequence order.
/// </summary>
public sealed class PostgresTargetFeedTests(PostgresTargetStoreTests.Database database, SkipReasons skips)
    : IClassFixture<PostgresTargetStoreTests.Database>, IClassFixture<SkipReasons>
{
    [SkippableFact]
    public async Task The_target_feed_holds_back_a_revision_until_an_earlier_transaction_commits_then_gives_both_in_order()
    {
        skips.SkipUnless(database.Store is not null, database.Server.Unavailable ?? "");
        await using var opened = new PostgresDatabase(await database.Server.CreateDatabaseAsync("targetfeed"), "target");
        PostgresMigrationRunner.Apply(opened, typeof(ITargetStore).Assembly);
        var store = new PostgresTargetStore(opened);
        await store.ApplyAsync(Batch("654001", "1"), false, _ => [], CancellationToken.None);
        var start = (await store.ReadChangesAsync(0, 100, CancellationToken.None)).Single().Sequence;

        await using var a = await opened.OpenAsync();
        await using var transactionA = await a.BeginTransactionAsync();
        var sequenceA = await InsertAsync(a, transactionA, "654002");
        await store.ApplyAsync(Batch("654003", "3"), false, _ => [], CancellationToken.None);

        Assert.Empty(await store.ReadChangesAsync(start, 100, CancellationToken.None));
        await transactionA.CommitAsync();

        var whole = await store.ReadChangesAsync(0, 100, CancellationToken.None);
        Assert.Equal(["654001", "654002", "654003"], whole.Select(t => t.OrgUnit));
        Assert.Equal(sequenceA, whole[1].Sequence);
        Assert.Equal(["654003"], (await store.ReadChangesAsync(sequenceA, 100, CancellationToken.None)).Select(t => t.OrgUnit));
    }

    [SkippableFact]
    public async Task Revisions_stored_before_migration_0002_stay_on_the_feed_in_sequence_order_before_later_ones()
    {
        skips.SkipUnless(database.Store is not null, database.Server.Unavailable ?? "");
        await using var opened = new PostgresDatabase(await database.Server.CreateDatabaseAsync("targetupgrade"), "target");
        await using (var connection = await opened.OpenAsync())
        {
            // The state a database had under 0001 alone: the journal, the tables, three revisions.
            var initial = PostgresMigrationRunner.Discover(typeof(ITargetStore).Assembly.GetManifestResourceNames()).First();
            using var script = new StreamReader(typeof(ITargetStore).Assembly.GetManifestResourceStream(initial.Resource)!);
            await ExecuteAsync(connection, $"""
                CREATE SCHEMA target;
                CREATE TABLE schema_migrations (version bigint PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());
                {await script.ReadToEndAsync()}
                INSERT INTO schema_migrations (version, name) VALUES (1, '0001_initial');
                """);
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var orgUnit in new[] { "654001", "654002", "654003" })
            {
                await InsertAsync(connection, transaction, orgUnit);
            }
            await transaction.CommitAsync();
        }

        Assert.Equal(["0002_feed_commit_order"], PostgresMigrationRunner.Apply(opened, typeof(ITargetStore).Assembly));
        var store = new PostgresTargetStore(opened);
        await store.ApplyAsync(Batch("654004", "4"), false, _ => [], CancellationToken.None);

        var whole = await store.ReadChangesAsync(0, 100, CancellationToken.None);
        Assert.Equal(["654001", "654002", "654003", "654004"], whole.Select(t => t.OrgUnit));
        Assert.Equal(whole.Select(t => t.Sequence).Order(), whole.Select(t => t.Sequence));
        Assert.Equal(["654003", "654004"], (await store.ReadChangesAsync(whole[1].Sequence, 100, CancellationToken.None)).Select(t => t.OrgUnit));
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A target revision written directly, in the caller's transaction.</summary>
    private static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string orgUnit)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO target_revisions (org_unit, indicator, year, kind, threshold, unit, note, revision, set_by, request_id, set_at)
            VALUES (@orgUnit, 'GDP', 2031, 'growth_at_least', 2, '%', '', 1, 'tester', '', @at)
            RETURNING sequence
            """, connection, transaction);
        insert.Parameters.AddWithValue("orgUnit", orgUnit);
        insert.Parameters.AddWithValue("at", DateTimeOffset.UtcNow.ToString("O"));
        return (long)(await insert.ExecuteScalarAsync())!;
    }

    private static TargetBatch Batch(string orgUnit, string threshold) =>
        new([new ValidTarget(new TargetKey(orgUnit, "GDP", 2031, "growth_at_least"), threshold, "%", "") { NormalisedThreshold = threshold, CanonicalUnit = "%" }],
            "", "", "tester");
}
