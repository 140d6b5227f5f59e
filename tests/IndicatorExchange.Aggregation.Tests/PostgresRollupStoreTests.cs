using Dapper;
using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Testing;
using IndicatorExchange.Testing.Postgres;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>
/// The rollup store contract on PostgreSQL (a throwaway server, a database per aggregator), and what only this engine
/// meets: a feed in commit order, whose sequences (and a figure's revisions) need not come in numeric order.
/// </summary>
public sealed class PostgresRollupStoreTests(PostgresServer server, SkipReasons skips)
    : RollupStoreContract, IClassFixture<PostgresServer>, IClassFixture<SkipReasons>
{
    private protected override async Task<Aggregator> CreateAsync(OrgUnitTree tree, int keptValues) =>
        (await PostgresAggregators.CreateAsync(server, tree, keptValues)).Aggregator;

    protected override void SkipUnlessAvailable(string test = "") => skips.SkipUnless(server.Available, server.Unavailable ?? "", test);

    [SkippableFact]
    public async Task The_cursor_is_the_last_sequence_received_and_a_figure_keeps_its_highest_revision_whatever_order_they_came_in()
    {
        SkipUnlessAvailable();
        var tree = GeneratedTree.Build(1, _ => 1, _ => 2);
        await using var aggregator = await CreateAsync(tree.Tree, Rollups.RollupEngine.DefaultKeptValues);
        var at = new DateTimeOffset(2023, 7, 10, 2, 0, 0, TimeSpan.Zero);
        var county = tree.Counties[0];
        // Revision 2 (sequence 7) committed before revision 1 (sequence 5) reached the feed, and sequence 3 came last.
        await aggregator.ApplyAsync([Row(county, 120m, revision: 2, sequence: 7, at.AddHours(1)), Row(tree.Counties[1], 40m, revision: 1, sequence: 9, at)]);
        Assert.Equal(9, await aggregator.Store.GetCursorAsync(Aggregator.Feed, CancellationToken.None));
        await aggregator.ApplyAsync([Row(county, 100m, revision: 1, sequence: 5, at), Row(tree.Counties[1], 45m, revision: 2, sequence: 3, at.AddHours(2))]);

        Assert.Equal(3, await aggregator.Store.GetCursorAsync(Aggregator.Feed, CancellationToken.None));
        var current = (await aggregator.Store.ReadAsync([Domain.Periods.Period.Parse("2023Q2")], [Flow], CancellationToken.None))
            .ToDictionary(r => r.OrgUnit);
        Assert.Equal(("120", 2L, FigureFeed.Utc(at)), (current[county].Value, current[county].Revision, current[county].FirstReceivedAt));
        Assert.Equal(("45", 2L), (current[tree.Counties[1]].Value, current[tree.Counties[1]].Revision));
        Assert.Equal(165m, (await aggregator.RowAsync(tree.Prefectures[0], "2023Q2", Flow)).Total.ToDecimal());
        var asOf = await aggregator.Store.ReadAsOfAsync([Domain.Periods.Period.Parse("2023Q2")], [Flow], at.AddHours(1.5), CancellationToken.None);
        Assert.Equal("120", asOf.Single(r => r.OrgUnit == county).Value);
    }

    [SkippableFact]
    public async Task Within_one_batch_a_figure_keeps_its_highest_revision_and_its_earliest_arrival_whatever_their_order()
    {
        SkipUnlessAvailable();
        var tree = GeneratedTree.Build(1, _ => 1, _ => 2);
        await using var aggregator = await CreateAsync(tree.Tree, Rollups.RollupEngine.DefaultKeptValues);
        var at = new DateTimeOffset(2023, 7, 10, 2, 0, 0, TimeSpan.Zero);
        var (county, other) = (tree.Counties[0], tree.Counties[1]);

        await aggregator.ApplyAsync([
            Row(county, 120m, revision: 2, sequence: 7, at.AddHours(1)), Row(other, 40m, revision: 1, sequence: 8, at.AddHours(3)),
            Row(county, 100m, revision: 1, sequence: 5, at), Row(other, 45m, revision: 2, sequence: 9, at.AddHours(4)),
        ]);

        var current = (await aggregator.Store.ReadAsync([Domain.Periods.Period.Parse("2023Q2")], [Flow], CancellationToken.None)).ToDictionary(r => r.OrgUnit);
        Assert.Equal(("120", 2L, 7L, FigureFeed.Utc(at.AddHours(1)), FigureFeed.Utc(at)),
            (current[county].Value, current[county].Revision, current[county].Sequence, current[county].ReceivedAt, current[county].FirstReceivedAt));
        Assert.Equal(("45", 2L, FigureFeed.Utc(at.AddHours(3))), (current[other].Value, current[other].Revision, current[other].FirstReceivedAt));
        Assert.Equal(165m, (await aggregator.RowAsync(tree.Prefectures[0], "2023Q2", Flow)).Total.ToDecimal());
    }

    [SkippableFact]
    public async Task Readers_beside_a_write_session_keep_reading_its_snapshot_while_another_connection_commits()
    {
        SkipUnlessAvailable();
        var tree = GeneratedTree.Build(1, _ => 1, _ => 3);
        var (aggregator, database) = await PostgresAggregators.CreateAsync(server, tree.Tree);
        await using var _ = aggregator;
        var feed = new FigureFeed();
        var at = DeadlineOf("2023Q1").AddDays(-1);
        await aggregator.ApplyAsync(tree.Counties.Select((c, i) => feed.Next(c, Flow, "2023Q1", 10.5m + i, at)).ToList());

        await using var session = await aggregator.Store.BeginAsync(CancellationToken.None);
        var readers = session.OpenLeafReaders(2);
        await using (var other = await database.OpenAsync())
        {
            await other.ExecuteAsync("DELETE FROM figures");
        }

        foreach (var reader in readers)
        {
            Assert.Equal(3, reader.ReadLeaves(PairOf("2023Q1", Flow)).Count);
            reader.Dispose();
        }
        Assert.Empty(session.Read([Domain.Periods.Period.Parse("2023Q1")], [Flow]));
    }

    [SkippableFact]
    public async Task A_pending_recomputation_is_reported_and_cleared_by_the_recomputation()
    {
        SkipUnlessAvailable();
        var tree = GeneratedTree.Build(1, _ => 1, _ => 2);
        var (aggregator, database) = await PostgresAggregators.CreateAsync(server, tree.Tree);
        await using var _ = aggregator;
        await aggregator.ApplyAsync([new FigureFeed().Next(tree.Counties[0], Flow, "2023Q1", 10m, DeadlineOf("2023Q1"))]);
        await using (var connection = await database.OpenAsync())
        {
            await connection.ExecuteAsync("DELETE FROM node_values; INSERT INTO recomputation_pending (reason) VALUES ('test')");
        }
        Assert.True(await aggregator.Store.RecomputationPendingAsync(CancellationToken.None));

        Assert.Equal(3, await aggregator.Engine.RecomputeAllAsync(CancellationToken.None)); // the prefecture, the region and the nation

        Assert.False(await aggregator.Store.RecomputationPendingAsync(CancellationToken.None));
        Assert.Equal(10m, (await aggregator.RowAsync(tree.Prefectures[0], "2023Q1", Flow)).Total.ToDecimal());
    }

    private static Storage.FigureRow Row(string orgUnit, decimal value, long revision, long sequence, DateTimeOffset receivedAt) => new()
    {
        OrgUnit = orgUnit,
        Indicator = Flow,
        Period = "2023Q2",
        Value = Domain.Numbers.DecimalText.Format(value),
        Status = 2,
        Revision = revision,
        Sequence = sequence,
        ReceivedAt = FigureFeed.Utc(receivedAt),
    };
}
