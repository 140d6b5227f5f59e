using System.Runtime.CompilerServices;
using System.Text;
using IndicatorExchange.Storage.Postgres;
using IndicatorExchange.Storage.Sqlite;
using IndicatorExchange.Target.Storage;
using IndicatorExchange.Target.Storage.Postgres;
using IndicatorExchange.Target.Storage.Sqlite;
using IndicatorExchange.Testing;
using IndicatorExchange.Testing.Postgres;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// The target store's guarantees, one test body for every engine (issue 23): each engine's class below supplies the store.
/// Each test writes an org unit of its own, so the tests of one class share a database without seeing each other.
/// </summary>
public abstract class TargetStoreContract
{
    private const string Indicator = "GDP";
    private const int Year = 2031;

    private protected abstract ITargetStore Store { get; }

    /// <summary>Skips the test when the engine cannot run here (PostgreSQL's binaries missing), saying why.</summary>
    protected virtual void SkipUnlessAvailable([CallerMemberName] string test = "") { }

    [SkippableFact]
    public async Task Applying_a_batch_creates_revision_one_of_each_target_and_stores_thresholds_exactly()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();

        var outcome = await ApplyAsync(Batch("", Target(unit, "growth_at_least", "8.25"), Target(unit, "value_at_least", "123456789012345678.0123456789")));

        Assert.Equal(new TargetCounts(2, 0, 0), Assert.IsType<ApplyOutcome.Applied>(outcome).Counts);
        var current = await ListAsync(unit);
        Assert.Equal(
            [("growth_at_least", "8.25", 1L), ("value_at_least", "123456789012345678.0123456789", 1L)],
            current.Select(t => (t.Kind, t.Threshold, t.Revision)));
        Assert.All(current, t => Assert.Equal(t.Threshold, t.NormalisedThreshold));
    }

    [SkippableFact]
    public async Task The_same_request_id_again_replays_the_first_answer_and_writes_nothing()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        var requestId = Guid.NewGuid().ToString("N");
        var batch = Batch(requestId, Target(unit, "growth_at_least", "8"));

        var first = await ApplyAsync(batch);
        var again = await ApplyAsync(batch with { Targets = [Target(unit, "growth_at_least", "9")] });

        Assert.IsType<ApplyOutcome.Applied>(first);
        var replayed = Assert.IsType<ApplyOutcome.Replayed>(again);
        Assert.Equal("1,0,0", Encoding.UTF8.GetString(replayed.Response));
        Assert.Equal(batch.RequestHash, replayed.RequestHash);
        Assert.Equal([("8", 1L)], (await ListAsync(unit)).Select(t => (t.Threshold, t.Revision)));
    }

    [SkippableFact]
    public async Task The_same_request_id_with_other_content_returns_the_first_requests_hash_and_changes_nothing()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        var requestId = Guid.NewGuid().ToString("N");
        await ApplyAsync(Batch(requestId, Target(unit, "growth_at_least", "8")));

        var other = await ApplyAsync(Batch(requestId, Target(unit, "value_at_most", "5")) with { RequestHash = "other-hash" });

        var replayed = Assert.IsType<ApplyOutcome.Replayed>(other);
        Assert.Equal("hash-" + requestId, replayed.RequestHash);
        Assert.Equal(["growth_at_least"], (await ListAsync(unit)).Select(t => t.Kind));
    }

    [SkippableFact]
    public async Task Setting_a_target_again_unchanged_counts_it_unchanged_and_revisions_increase_by_one()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();

        await ApplyAsync(Batch("", Target(unit, "growth_at_least", "8")));
        var unchanged = await ApplyAsync(Batch("", Target(unit, "growth_at_least", "8")));
        var second = await ApplyAsync(Batch("", Target(unit, "growth_at_least", "8.5")));
        var third = await ApplyAsync(Batch("", Target(unit, "growth_at_least", "9") with { Note = "raised" }));

        Assert.Equal(new TargetCounts(0, 0, 1), Assert.IsType<ApplyOutcome.Applied>(unchanged).Counts);
        Assert.Equal(new TargetCounts(0, 1, 0), Assert.IsType<ApplyOutcome.Applied>(second).Counts);
        Assert.Equal(new TargetCounts(0, 1, 0), Assert.IsType<ApplyOutcome.Applied>(third).Counts);
        var history = await Store.HistoryAsync(new TargetKey(unit, Indicator, Year, "growth_at_least"), CancellationToken.None);
        Assert.Equal([(1L, "8", ""), (2L, "8.5", ""), (3L, "9", "raised")], history.Select(t => (t.Revision, t.Threshold, t.Note)));
        Assert.True(history[0].Sequence < history[1].Sequence && history[1].Sequence < history[2].Sequence);
        Assert.Equal((3L, "9"), (await ListAsync(unit)).Select(t => (t.Revision, t.Threshold)).Single());
    }

    [SkippableFact]
    public async Task As_of_a_moment_lists_the_revisions_current_then()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        await ApplyAsync(Batch("", Target(unit, "growth_at_least", "8")));
        await Task.Delay(20);
        var between = DateTimeOffset.UtcNow.ToString("O");
        await Task.Delay(20);
        await ApplyAsync(Batch("", Target(unit, "growth_at_least", "9"), Target(unit, "value_at_most", "3")));

        var then = await Store.ListCurrentAsync(new TargetQuery(unit, null, null, null, 100) { AsOf = between }, CancellationToken.None);
        var before = await Store.ListCurrentAsync(new TargetQuery(unit, null, null, null, 100) { AsOf = "2000-01-01T00:00:00.0000000+00:00" }, CancellationToken.None);

        Assert.Equal([("growth_at_least", "8", 1L)], then.Select(t => (t.Kind, t.Threshold, t.Revision)));
        Assert.Empty(before);
        Assert.Equal([("growth_at_least", 2L), ("value_at_most", 1L)], (await ListAsync(unit)).Select(t => (t.Kind, t.Revision)));
    }

    [SkippableFact]
    public async Task Listing_pages_by_key_after_the_last_one_seen()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        await ApplyAsync(Batch("", Target(unit, "value_at_most", "1"), Target(unit, "growth_at_least", "2"), Target(unit, "rate_at_most", "3")));

        var first = await Store.ListCurrentAsync(new TargetQuery(unit, Indicator, Year, null, 2), CancellationToken.None);
        var rest = await Store.ListCurrentAsync(new TargetQuery(unit, Indicator, Year, first[^1].Key, 2), CancellationToken.None);

        Assert.Equal(["growth_at_least", "rate_at_most"], first.Select(t => t.Kind));
        Assert.Equal(["value_at_most"], rest.Select(t => t.Kind));
    }

    [SkippableFact]
    public async Task The_feed_after_a_sequence_has_every_later_revision_in_sequence_order()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        await ApplyAsync(Batch("", Target(unit, "growth_at_least", "1")));
        var mark = (await Store.HistoryAsync(new TargetKey(unit, Indicator, Year, "growth_at_least"), CancellationToken.None))[^1].Sequence;

        await ApplyAsync(Batch("", Target(unit, "growth_at_least", "2"), Target(unit, "value_at_least", "5")));
        await ApplyAsync(Batch("", Target(unit, "growth_at_least", "3")));
        var changes = await Store.ReadChangesAsync(mark, 100, CancellationToken.None);
        var limited = await Store.ReadChangesAsync(mark, 2, CancellationToken.None);

        Assert.Equal([("growth_at_least", 2L), ("value_at_least", 1L), ("growth_at_least", 3L)],
            changes.Where(t => t.OrgUnit == unit).Select(t => (t.Kind, t.Revision)));
        Assert.Equal(changes.Select(t => t.Sequence).Order(), changes.Select(t => t.Sequence));
        Assert.All(changes, t => Assert.True(t.Sequence > mark));
        Assert.Equal(changes.Take(2).Select(t => t.Sequence), limited.Select(t => t.Sequence));
    }

    [SkippableFact]
    public async Task Validate_only_counts_as_if_applied_but_writes_nothing_not_even_the_request_id()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        var requestId = Guid.NewGuid().ToString("N");

        var validated = await Store.ApplyAsync(Batch(requestId, Target(unit, "growth_at_least", "8")), validateOnly: true, Encode, CancellationToken.None);
        var applied = await ApplyAsync(Batch(requestId, Target(unit, "growth_at_least", "8")));

        Assert.Equal(new TargetCounts(1, 0, 0), Assert.IsType<ApplyOutcome.Applied>(validated).Counts);
        Assert.Equal(new TargetCounts(1, 0, 0), Assert.IsType<ApplyOutcome.Applied>(applied).Counts);
        Assert.Equal([1L], (await ListAsync(unit)).Select(t => t.Revision));
    }

    [SkippableFact]
    public async Task Floors_are_the_current_value_at_least_targets_of_the_given_units_indicators_and_years()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        await ApplyAsync(Batch("", Target(unit, "value_at_least", "10"), Target(unit, "growth_at_least", "2")));
        await ApplyAsync(Batch("", Target(unit, "value_at_least", "12.5")));

        var floors = await Store.ListFloorsAsync([unit], [Indicator], [Year], CancellationToken.None);

        Assert.Equal([("value_at_least", "12.5", 2L)], floors.Select(t => (t.Kind, t.Threshold, t.Revision)));
    }

    private static string NewOrgUnit() => "t" + Guid.NewGuid().ToString("N")[..12];

    private static ValidTarget Target(string orgUnit, string kind, string threshold) =>
        new(new TargetKey(orgUnit, Indicator, Year, kind), threshold, "%", "") { NormalisedThreshold = threshold, CanonicalUnit = "%" };

    private static TargetBatch Batch(string requestId, params ValidTarget[] targets) =>
        new(targets, requestId, "hash-" + requestId, "tester") { Reason = "contract test" };

    private static byte[] Encode(TargetCounts counts) => Encoding.UTF8.GetBytes($"{counts.Created},{counts.Updated},{counts.Unchanged}");

    private Task<ApplyOutcome> ApplyAsync(TargetBatch batch) => Store.ApplyAsync(batch, validateOnly: false, Encode, CancellationToken.None);

    private Task<IReadOnlyList<StoredTarget>> ListAsync(string orgUnit) =>
        Store.ListCurrentAsync(new TargetQuery(orgUnit, null, null, null, 100), CancellationToken.None);
}

/// <summary>The contract on SQLite, in a database file of its own in a temporary folder.</summary>
public sealed class SqliteTargetStoreTests : TargetStoreContract, IDisposable
{
    private readonly TemporaryDirectory _directory = new("ix-target-store-");
    private readonly SqliteTargetStore _store;

    public SqliteTargetStoreTests()
    {
        var database = new SqliteDatabase(Path.Combine(_directory.Path, "target.db"));
        MigrationRunner.Apply(database, typeof(ITargetStore).Assembly);
        _store = new SqliteTargetStore(database);
    }

    private protected override ITargetStore Store => _store;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

/// <summary>The contract on PostgreSQL: a throwaway server for the class, and a database of its own.</summary>
public sealed class PostgresTargetStoreTests(PostgresTargetStoreTests.Database database, SkipReasons skips)
    : TargetStoreContract, IClassFixture<PostgresTargetStoreTests.Database>, IClassFixture<SkipReasons>
{
    private protected override ITargetStore Store => database.Store!;

    protected override void SkipUnlessAvailable([CallerMemberName] string test = "") =>
        skips.SkipUnless(database.Store is not null, database.Server.Unavailable ?? "", test);

    /// <summary>The server, one migrated database on it, and the store over that database.</summary>
    public sealed class Database : IDisposable
    {
        private readonly PostgresDatabase? _database;

        public Database()
        {
            if (Server.Available)
            {
                _database = new PostgresDatabase(Server.CreateDatabaseAsync("targetstore").GetAwaiter().GetResult(), "target");
                PostgresMigrationRunner.Apply(_database, typeof(ITargetStore).Assembly);
                Store = new PostgresTargetStore(_database);
            }
        }

        public PostgresServer Server { get; } = new();

        internal ITargetStore? Store { get; }

        public void Dispose()
        {
            _database?.Dispose();
            Server.Dispose();
        }
    }
}
