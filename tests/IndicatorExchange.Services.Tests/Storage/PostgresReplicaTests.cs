using System.Text;
using IndicatorExchange.Storage.Postgres;
using IndicatorExchange.Target.Storage;
using IndicatorExchange.Testing;
using Npgsql;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// What PostgreSQL must guarantee with several replicas on one database: migrations applied once when replicas start
/// together, and one answer per request id and one revision number per target with concurrent writers.
/// </summary>
public sealed class PostgresReplicaTests(PostgresTargetStoreTests.Database database, SkipReasons skips)
    : IClassFixture<PostgresTargetStoreTests.Database>, IClassFixture<SkipReasons>
{
    private static readonly string[] TargetMigrations = ["0001_initial", "0002_feed_commit_order"];

    [SkippableFact]
    public async Task Replicas_migrating_at_once_apply_each_script_once()
    {
        skips.SkipUnless(database.Server.Available, database.Server.Unavailable ?? "");
        var connectionString = await database.Server.CreateDatabaseAsync("migrations");
        var replicas = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(connectionString, "target")).ToList();

        var applied = await Task.WhenAll(replicas.Select(r => Task.Run(() => PostgresMigrationRunner.Apply(r, typeof(ITargetStore).Assembly))));

        Assert.Equal(TargetMigrations, applied.SelectMany(a => a).Order());
        await using var connection = await replicas[0].OpenAsync();
        await using var journal = new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection);
        Assert.Equal(2L, await journal.ExecuteScalarAsync());
        foreach (var replica in replicas)
        {
            await replica.DisposeAsync();
        }
    }

    [SkippableFact]
    public async Task Services_sharing_one_database_keep_their_tables_and_journals_in_their_own_schemas()
    {
        skips.SkipUnless(database.Server.Available, database.Server.Unavailable ?? "");
        var connectionString = await database.Server.CreateDatabaseAsync("schemas");
        await using var first = new PostgresDatabase(connectionString, "target");
        await using var second = new PostgresDatabase(connectionString, "target_copy");

        Assert.Equal(TargetMigrations, PostgresMigrationRunner.Apply(first, typeof(ITargetStore).Assembly));
        Assert.Equal(TargetMigrations, PostgresMigrationRunner.Apply(second, typeof(ITargetStore).Assembly));

        await using var connection = await first.OpenAsync();
        await using var tables = new NpgsqlCommand(
            "SELECT string_agg(table_schema, ',' ORDER BY table_schema) FROM information_schema.tables WHERE table_name = 'schema_migrations'", connection);
        Assert.Equal("target,target_copy", await tables.ExecuteScalarAsync());
    }

    [Fact]
    public void A_schema_name_that_could_inject_sql_is_refused() =>
        Assert.Throws<ArgumentException>(() => new PostgresDatabase("Host=/tmp", "target; DROP TABLE x"));

    [Fact]
    public void Only_the_postgres_folders_scripts_are_postgres_migrations()
    {
        var found = PostgresMigrationRunner.Discover(typeof(ITargetStore).Assembly.GetManifestResourceNames()).ToList();

        Assert.Equal(TargetMigrations, found.Select(m => m.Name));
        Assert.All(found, m => Assert.Contains(".Postgres.Migrations.", m.Resource));
    }

    [SkippableFact]
    public async Task Concurrent_writers_with_one_request_id_apply_it_once_and_the_others_replay_it()
    {
        skips.SkipUnless(database.Store is not null, database.Server.Unavailable ?? "");
        var orgUnit = "r" + Guid.NewGuid().ToString("N")[..12];
        var requestId = Guid.NewGuid().ToString("N");
        var batch = new TargetBatch([Target(orgUnit, "8")], requestId, "hash", "tester");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            database.Store!.ApplyAsync(batch, false, c => Encoding.UTF8.GetBytes($"{c.Created}"), CancellationToken.None))));

        Assert.Single(outcomes.OfType<ApplyOutcome.Applied>());
        Assert.Equal(7, outcomes.OfType<ApplyOutcome.Replayed>().Count());
        var history = await database.Store!.HistoryAsync(new TargetKey(orgUnit, "GDP", 2031, "growth_at_least"), CancellationToken.None);
        Assert.Equal([1L], history.Select(t => t.Revision));
    }

    [SkippableFact]
    public async Task Concurrent_writers_of_one_target_number_its_revisions_without_gaps_or_repeats()
    {
        skips.SkipUnless(database.Store is not null, database.Server.Unavailable ?? "");
        var orgUnit = "r" + Guid.NewGuid().ToString("N")[..12];

        await Task.WhenAll(Enumerable.Range(1, 4).Select(i => Task.Run(() =>
            database.Store!.ApplyAsync(new TargetBatch([Target(orgUnit, i.ToString(System.Globalization.CultureInfo.InvariantCulture))], "", "", "tester"),
                false, _ => [], CancellationToken.None))));

        var history = await database.Store!.HistoryAsync(new TargetKey(orgUnit, "GDP", 2031, "growth_at_least"), CancellationToken.None);
        Assert.Equal([1L, 2L, 3L, 4L], history.Select(t => t.Revision));
        Assert.Equal(["1", "2", "3", "4"], history.Select(t => t.Threshold).Order());
    }

    private static ValidTarget Target(string orgUnit, string threshold) =>
        new(new TargetKey(orgUnit, "GDP", 2031, "growth_at_least"), threshold, "%", "") { NormalisedThreshold = threshold, CanonicalUnit = "%" };
}
