using System.Diagnostics;
using Dapper;
using IndicatorExchange.Aggregation.Rollups;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Storage.Postgres;
using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Storage.Postgres;
using IndicatorExchange.Testing;
using IndicatorExchange.Testing.Postgres;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>
/// Two aggregation replicas on one PostgreSQL database (issue 23): one leads and writes, its commits fenced by its epoch;
/// the other stands by, serves what the leader commits, and takes over within seconds of the leader's death.
/// </summary>
public sealed class AggregatorFailoverTests(PostgresServer server, SkipReasons skips) : IClassFixture<PostgresServer>, IClassFixture<SkipReasons>
{
    private static readonly GeneratedTree Tree = GeneratedTree.Build(1, _ => 2, _ => 3);
    private static readonly DateTimeOffset At = DeadlineOf("2023Q1").AddDays(-1);

    [SkippableFact]
    public async Task Only_the_leader_writes_and_a_standby_cannot_lead_or_write_while_it_lives()
    {
        skips.SkipUnless(server.Available, server.Unavailable ?? "");
        var connectionString = await server.CreateDatabaseAsync("failover");
        await using var leader = Replica.Open(connectionString);
        await using var standby = Replica.Open(connectionString);
        await leader.Leadership.AcquireAsync(CancellationToken.None);
        var feed = new FigureFeed();

        await leader.Aggregator.ApplyAsync([feed.Next(Tree.Counties[0], Flow, "2023Q1", 10m, At)]);
        var refused = standby.Aggregator.Engine.ApplyAsync(Aggregator.Feed, [feed.Next(Tree.Counties[1], Flow, "2023Q1", 20m, At)], CancellationToken.None);
        using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2.5));
        var standing = standby.Leadership.AcquireAsync(wait.Token);

        await Assert.ThrowsAsync<NotLeadingException>(() => refused);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => standing);
        Assert.False(standby.Leadership.IsLeading);
        Assert.Equal([Tree.Counties[0]], await OrgUnitsWithFiguresAsync(standby.Database));
        Assert.Equal(1, await leader.Aggregator.Store.GetCursorAsync(Aggregator.Feed, CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_deposed_leaders_late_commit_is_refused_and_writes_nothing_while_the_new_leader_goes_on()
    {
        skips.SkipUnless(server.Available, server.Unavailable ?? "");
        var connectionString = await server.CreateDatabaseAsync("failover");
        // The old leader checks its lock too rarely to notice losing it: only the epoch on the cursor row stops it.
        await using var old = Replica.Open(connectionString, checkEvery: TimeSpan.FromHours(1));
        await using var next = Replica.Open(connectionString);
        await old.Leadership.AcquireAsync(CancellationToken.None);
        var feed = new FigureFeed();
        var first = new[] { feed.Next(Tree.Counties[0], Flow, "2023Q1", 10m, At) };
        var second = new[] { feed.Next(Tree.Counties[1], Flow, "2023Q1", 20m, At) };
        await old.Aggregator.ApplyAsync(first);

        await TerminateLockHolderAsync(connectionString); // as when the old leader's lock connection is cut
        await next.Leadership.AcquireAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(old.Leadership.IsLeading); // it has not noticed

        await Assert.ThrowsAsync<NotLeadingException>(() => old.Aggregator.Engine.ApplyAsync(Aggregator.Feed, second, CancellationToken.None));
        Assert.False(old.Leadership.IsLeading);
        Assert.Equal([Tree.Counties[0]], await OrgUnitsWithFiguresAsync(next.Database));
        Assert.Equal(1, await next.Aggregator.Store.GetCursorAsync(Aggregator.Feed, CancellationToken.None));

        await next.Aggregator.ApplyAsync(second);
        Assert.Equal(30m, (await next.Aggregator.RowAsync(Tree.Prefectures[0], "2023Q1", Flow)).Total.ToDecimal());
        Assert.Equal(30m, (await old.Aggregator.RowAsync(Tree.Prefectures[0], "2023Q1", Flow)).Total.ToDecimal());
    }

    [SkippableFact]
    public async Task After_the_leader_dies_a_standby_takes_over_within_seconds_and_applies_the_following_changes()
    {
        skips.SkipUnless(server.Available, server.Unavailable ?? "");
        var connectionString = await server.CreateDatabaseAsync("failover");
        await using var leader = Replica.Open(connectionString);
        await using var standby = Replica.Open(connectionString);
        await leader.Leadership.AcquireAsync(CancellationToken.None);
        var takingOver = standby.Leadership.AcquireAsync(CancellationToken.None);
        var feed = new FigureFeed();
        var changes = Tree.Counties.Select((c, i) => feed.Next(c, Flow, "2023Q1", 10m + i, At)).ToList();
        await leader.Aggregator.ApplyAsync(changes[..3]);
        Assert.False(takingOver.IsCompleted);

        var died = Stopwatch.StartNew();
        await TerminateLockHolderAsync(connectionString); // the leader's connection ends, as with a killed process
        await takingOver.WaitAsync(TimeSpan.FromSeconds(5));
        var takeover = died.Elapsed;

        Assert.True(takeover < TimeSpan.FromSeconds(3), $"took over after {takeover}");
        Assert.Equal(changes[2].Sequence, await standby.Aggregator.Store.GetCursorAsync(Aggregator.Feed, CancellationToken.None));
        await standby.Aggregator.ApplyAsync(changes[3..]);
        await using var reference = Aggregator.Create(Tree.Tree);
        await reference.ApplyAsync(changes);
        IncrementalRollupPropertyTests.AssertSameRows(
            await standby.Aggregator.StoredRowsAsync(Tree.Parents, ["2023Q1"], [Flow]), await reference.StoredRowsAsync(Tree.Parents, ["2023Q1"], [Flow]), "after the take-over");
        await Assert.ThrowsAsync<NotLeadingException>(() => leader.Aggregator.Engine.ApplyAsync(Aggregator.Feed, [feed.Next(Tree.Counties[0], Flow, "2023Q1", 1m, At)], CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_standby_hears_each_commit_of_the_leader_so_its_cached_summary_and_its_watchers_follow()
    {
        skips.SkipUnless(server.Available, server.Unavailable ?? "");
        var connectionString = await server.CreateDatabaseAsync("failover");
        await using var leader = Replica.Open(connectionString);
        await using var standby = Replica.Open(connectionString);
        await leader.Leadership.AcquireAsync(CancellationToken.None);
        using var stop = new CancellationTokenSource();
        var refresh = new StandbyRefresh(new PostgresRollupCommits(standby.Database, standby.Leadership), standby.Aggregator.Signal, standby.Aggregator.Progress);
        await refresh.StartAsync(stop.Token);
        var feed = new FigureFeed();
        var prefecture = Tree.Prefectures[0];
        await leader.Aggregator.ApplyAsync([feed.Next(Tree.Counties[0], Flow, "2023Q1", 10m, At)]);
        await WaitForAsync(() => standby.Aggregator.Progress.Sequence == 1);
        Assert.Equal(10m, (await standby.Aggregator.RowAsync(prefecture, "2023Q1", Flow)).Total.ToDecimal()); // now cached

        var woken = standby.Aggregator.Signal.Next; // as a WatchSummary stream waits
        await leader.Aggregator.ApplyAsync([feed.Next(Tree.Counties[1], Flow, "2023Q1", 32.5m, At)]);
        var touched = await woken.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Contains(new SummaryKey(prefecture, Domain.Periods.Period.Parse("2023Q1")), touched!);
        Assert.Equal(42.5m, (await standby.Aggregator.RowAsync(prefecture, "2023Q1", Flow)).Total.ToDecimal());
        Assert.Equal(2, standby.Aggregator.Progress.Sequence);

        await leader.Aggregator.Engine.RecomputeAllAsync(CancellationToken.None);
        var everything = standby.Aggregator.Signal.Next;
        await leader.Aggregator.ApplyAsync([feed.Next(Tree.Counties[1], Flow, "2023Q1", 30m, At)]);
        await everything.WaitAsync(TimeSpan.FromSeconds(5));
        await WaitForAsync(() => standby.Aggregator.Progress.Sequence == 3);
        Assert.Equal(40m, (await standby.Aggregator.RowAsync(prefecture, "2023Q1", Flow)).Total.ToDecimal());
        await stop.CancelAsync();
        await refresh.StopAsync(CancellationToken.None);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(5), "the standby did not hear the commit");
            await Task.Delay(20);
        }
    }

    /// <summary>Ends the connection that holds the leadership's advisory lock, as PostgreSQL does when its client dies.</summary>
    private static async Task TerminateLockHolderAsync(string connectionString)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("""
            SELECT count(pg_terminate_backend(pid)) FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """));
    }

    private static async Task<IReadOnlyList<string>> OrgUnitsWithFiguresAsync(PostgresDatabase database)
    {
        await using var connection = await database.OpenAsync();
        return (await connection.QueryAsync<string>("SELECT org_unit FROM figures ORDER BY org_unit")).AsList();
    }

    /// <summary>One replica: its own pool of connections to the shared database, its leadership, and its aggregator.</summary>
    private sealed record Replica(PostgresDatabase Database, PostgresLeadership Leadership, Aggregator Aggregator) : IAsyncDisposable
    {
        public static Replica Open(string connectionString, TimeSpan? checkEvery = null)
        {
            var database = PostgresAggregators.Open(connectionString);
            var leadership = new PostgresLeadership(database, Aggregator.Feed, retryEvery: checkEvery);
            return new Replica(database, leadership, new Aggregator(new PostgresRollupStore(database, leadership), Tree.Tree, () => ValueTask.CompletedTask));
        }

        public async ValueTask DisposeAsync()
        {
            await Leadership.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
