using System.Globalization;
using System.Runtime.CompilerServices;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Domain.Catalog;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>
/// The rollup store's behaviour, one test body for every engine (issue 23): each engine's class supplies the aggregator
/// over its store. The rows are compared with those of the SQLite engine given the same changes.
/// </summary>
public abstract class RollupStoreContract
{
    private protected abstract Task<Aggregator> CreateAsync(OrgUnitTree tree, int keptValues = Rollups.RollupEngine.DefaultKeptValues);

    /// <summary>Skips the test when the engine cannot run here (PostgreSQL's binaries missing), saying why.</summary>
    protected virtual void SkipUnlessAvailable([CallerMemberName] string test = "") { }

    [SkippableFact]
    public async Task Random_feeds_in_any_batching_give_the_sqlite_rows_and_again_after_a_recomputation_and_a_replay()
    {
        SkipUnlessAvailable();
        var tree = IncrementalRollupPropertyTests.Tree;
        for (var seed = 1; seed <= 8; seed++)
        {
            var random = new Random(seed);
            var changes = IncrementalRollupPropertyTests.RandomChanges(random);
            var context = $"seed {seed} ({changes.Count} changes)";
            await using var reference = Aggregator.Create(tree.Tree);
            await reference.ApplyAsync(changes);
            var expected = await IncrementalRollupPropertyTests.ReadRowsAsync(reference);

            await using var aggregator = await CreateAsync(tree.Tree, seed % 2 == 0 ? random.Next(1, 40) : Rollups.RollupEngine.DefaultKeptValues);
            await aggregator.ApplyInBatchesAsync(changes, random.Next(1, 9));
            IncrementalRollupPropertyTests.AssertSameRows(await IncrementalRollupPropertyTests.ReadRowsAsync(aggregator), expected, $"{context}: incremental");
            Assert.Equal(changes[^1].Sequence, await aggregator.Store.GetCursorAsync(Aggregator.Feed, CancellationToken.None));

            await aggregator.Engine.RecomputeAllAsync(CancellationToken.None);
            IncrementalRollupPropertyTests.AssertSameRows(await IncrementalRollupPropertyTests.ReadRowsAsync(aggregator), expected, $"{context}: recomputed");
            Assert.Equal(await reference.Store.CountRollupsAsync(CancellationToken.None), await aggregator.Store.CountRollupsAsync(CancellationToken.None));

            await aggregator.Engine.ResetAsync(CancellationToken.None);
            Assert.Equal(0, await aggregator.Store.CountRollupsAsync(CancellationToken.None));
            Assert.Equal(0, await aggregator.Store.GetCursorAsync(Aggregator.Feed, CancellationToken.None));
            await aggregator.ApplyInBatchesAsync(changes, random.Next(1, 30));
            IncrementalRollupPropertyTests.AssertSameRows(await IncrementalRollupPropertyTests.ReadRowsAsync(aggregator), expected, $"{context}: replayed");
        }
    }

    [SkippableFact]
    public async Task A_recomputation_mends_wrong_values_restores_missing_ones_and_drops_those_with_nothing_below_them()
    {
        SkipUnlessAvailable();
        var tree = GeneratedTree.Build(1, _ => 2, _ => 2);
        var feed = new FigureFeed();
        var changes = new List<FigureRow>
        {
            feed.Next(tree.Counties[0], Flow, "2023Q1", 10m, DeadlineOf("2023Q1")),
            feed.Next(tree.Counties[1], Flow, "2023Q1", 2.50m, DeadlineOf("2023Q1")),
        };
        changes.AddRange(tree.Counties.Select((county, i) => feed.Next(county, Flow, "2023Q2", 20m + i, DeadlineOf("2023Q2"))));
        await using var reference = Aggregator.Create(tree.Tree);
        await reference.ApplyAsync(changes);
        await using var aggregator = await CreateAsync(tree.Tree);
        await aggregator.ApplyAsync(changes);
        var expectedRows = await aggregator.StoredRowsAsync(tree.Parents, ["2023Q1", "2023Q2", "2024Q1"], [Flow]);
        var expectedCount = await reference.Store.CountRollupsAsync(CancellationToken.None);
        Assert.Equal(expectedCount, await aggregator.Store.CountRollupsAsync(CancellationToken.None));

        // Stored values gone wrong behind the engine's back: the region's value where the first prefecture's belongs, and at
        // a node with nothing reported below it and a period with no figure at all; and the second prefecture's value lost.
        var q2 = Domain.Periods.Period.Parse("2023Q2");
        var inputs = await aggregator.Store.ReadSummaryInputsAsync([tree.Regions[0]], [], q2, [], [Flow], [], [], CancellationToken.None);
        var regionValue = Assert.Single(inputs.Values).Value;
        await using (var session = await aggregator.Store.BeginAsync(CancellationToken.None))
        {
            await session.UpsertRollupsAsync([
                new StoredNodeValue(new Domain.Rollup.NodeKey(tree.Prefectures[0], q2, Flow), regionValue),
                new StoredNodeValue(new Domain.Rollup.NodeKey(tree.Prefectures[1], Domain.Periods.Period.Parse("2023Q1"), Flow), regionValue),
                new StoredNodeValue(new Domain.Rollup.NodeKey(tree.Prefectures[0], Domain.Periods.Period.Parse("2024Q1"), Flow), regionValue),
            ]);
            await session.DeleteRollupsAsync([new Domain.Rollup.NodeKey(tree.Prefectures[1], q2, Flow)]);
            await session.CommitAsync();
        }
        Assert.Equal(expectedCount + 1, await aggregator.Store.CountRollupsAsync(CancellationToken.None));

        await aggregator.Engine.RecomputeAllAsync(CancellationToken.None);

        Assert.Equal(expectedCount, await aggregator.Store.CountRollupsAsync(CancellationToken.None));
        IncrementalRollupPropertyTests.AssertSameRows(await aggregator.StoredRowsAsync(tree.Parents, ["2023Q1", "2023Q2", "2024Q1"], [Flow]), expectedRows, "recomputed");
        IncrementalRollupPropertyTests.AssertSameRows(await reference.StoredRowsAsync(tree.Parents, ["2023Q1", "2023Q2", "2024Q1"], [Flow]), expectedRows, "reference");
        var mended = await aggregator.Store.ReadSummaryInputsAsync([tree.Prefectures[0], tree.Prefectures[1]], [], q2, [], [Flow], [], [], CancellationToken.None);
        Assert.Equal([41m, 45m], mended.Values.OrderBy(v => v.Key.OrgUnit, StringComparer.Ordinal).Select(v => v.Value!.Value));
    }

    [SkippableFact]
    public async Task Leaves_read_back_with_their_exact_values_growth_status_warnings_and_first_arrival()
    {
        SkipUnlessAvailable();
        var tree = GeneratedTree.Build(1, _ => 1, _ => 3);
        await using var aggregator = await CreateAsync(tree.Tree);
        var feed = new FigureFeed();
        var first = new DateTimeOffset(2023, 4, 3, 9, 30, 0, TimeSpan.Zero);
        await aggregator.ApplyAsync([
            feed.Next(tree.Counties[0], Flow, "2023Q1", 1.50m, first, growthPct: -2.5m, status: 1, openWarnings: 2),
            feed.Next(tree.Counties[1], Flow, "2023Q1", 120m, first.AddDays(1), status: 3),
            feed.Next(tree.Counties[2], Flow, "2023Q1", 123456789012345678.0123456789m, first, status: 2),
        ]);
        await aggregator.ApplyAsync([feed.Next(tree.Counties[0], Flow, "2023Q1", 1.50m, first.AddDays(5), growthPct: -2.5m, status: 1, openWarnings: 2)]);

        await using var session = await aggregator.Store.BeginAsync(CancellationToken.None);
        using var reader = session.OpenLeafReaders(1)[0];
        var leaves = reader.ReadLeaves(PairOf("2023Q1", Flow)).ToDictionary(l => l.OrgUnit, l => l.Figure);

        Assert.Equal(3, leaves.Count);
        var revised = leaves[tree.Counties[0]];
        Assert.Equal("1.5", revised.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal((-2.5m, 1, true, first), (revised.GrowthPct, revised.Status, revised.HasOpenWarnings, revised.FirstReceivedAt));
        var plain = leaves[tree.Counties[1]];
        Assert.Equal((120m, (decimal?)null, 3, false, first.AddDays(1)), (plain.Value, plain.GrowthPct, plain.Status, plain.HasOpenWarnings, plain.FirstReceivedAt));
        Assert.Equal("123456789012345678.0123456789", leaves[tree.Counties[2]].Value.ToString(CultureInfo.InvariantCulture));
        Assert.Same(reader.ReadLeaves(PairOf("2023Q1", Flow))[0].OrgUnit, reader.ReadLeaves(PairOf("2023Q1", Flow))[0].OrgUnit);
        Assert.Empty(reader.ReadLeaves(PairOf("2023Q2", Flow)));
        // The same figures as the session reads them.
        Assert.Equal(
            session.Read([Domain.Periods.Period.Parse("2023Q1")], [Flow]).Select(r => (r.OrgUnit, r.Value)).Order(),
            leaves.Select(l => (l.Key, Domain.Numbers.DecimalText.Format(l.Value.Value))).Order());
    }

    [SkippableFact]
    public async Task Every_period_and_indicator_with_a_figure_is_listed_once_in_byte_order()
    {
        SkipUnlessAvailable();
        var tree = GeneratedTree.Build(1, _ => 2, _ => 2);
        await using var aggregator = await CreateAsync(tree.Tree);
        var feed = new FigureFeed();
        var at = DeadlineOf("2023Q1");
        var changes = new List<FigureRow>();
        foreach (var (period, indicator) in new[] { ("2023Q1", Flow), ("2023Q1", Population), ("2022", Flow), ("2023Q2", PerCapita), ("2023Q2", Flow) })
        {
            changes.AddRange(tree.Counties.Select((county, i) => feed.Next(county, indicator, period, 10m + i, at)));
        }
        await aggregator.ApplyAsync(changes);

        await using var session = await aggregator.Store.BeginAsync(CancellationToken.None);

        Assert.Equal([PairOf("2022", Flow), PairOf("2023Q1", Population), PairOf("2023Q1", Flow), PairOf("2023Q2", PerCapita), PairOf("2023Q2", Flow)],
            await session.ListPeriodIndicatorsAsync());
        Assert.True(session.HasFigures(PairOf("2023Q2", PerCapita)));
        Assert.False(session.HasFigures(PairOf("2023Q2", Population)));
    }

    [SkippableFact]
    public async Task As_of_a_moment_the_newest_revision_received_by_then_is_read_with_the_first_arrival()
    {
        SkipUnlessAvailable();
        var tree = GeneratedTree.Build(1, _ => 1, _ => 2);
        await using var aggregator = await CreateAsync(tree.Tree);
        var feed = new FigureFeed();
        var first = new DateTimeOffset(2023, 7, 10, 2, 0, 0, TimeSpan.Zero);
        await aggregator.ApplyAsync([feed.Next(tree.Counties[0], Flow, "2023Q2", 100m, first, status: 1), feed.Next(tree.Counties[1], Flow, "2023Q2", 40m, first)]);
        await aggregator.ApplyAsync([feed.Next(tree.Counties[0], Flow, "2023Q2", 120.50m, first.AddHours(1), growthPct: 3m)]);
        var periods = new[] { Domain.Periods.Period.Parse("2023Q2") };

        var between = await aggregator.Store.ReadAsOfAsync(periods, [Flow], first.AddMinutes(30), CancellationToken.None);
        var after = await aggregator.Store.ReadAsOfAsync(periods, [], first.AddHours(2), CancellationToken.None);
        var now = await aggregator.Store.ReadAsync(periods, [Flow], CancellationToken.None);

        Assert.Equal([("100", 1L, 1), ("40", 1L, 2)], between.OrderBy(r => r.OrgUnit, StringComparer.Ordinal).Select(r => (r.Value, r.Revision, r.Status)));
        var revised = after.Single(r => r.OrgUnit == tree.Counties[0]);
        Assert.Equal(("120.5", "3", 2L, FigureFeed.Utc(first)), (revised.Value, revised.YoyGrowthPct, revised.Revision, revised.FirstReceivedAt));
        Assert.Equal(after.OrderBy(r => r.OrgUnit, StringComparer.Ordinal), now.OrderBy(r => r.OrgUnit, StringComparer.Ordinal));
        Assert.Empty(await aggregator.Store.ReadAsOfAsync(periods, [Flow], first.AddMinutes(-1), CancellationToken.None));
    }

    [SkippableFact]
    public async Task A_fresh_store_has_no_cursor_no_rollups_and_no_recomputation_pending()
    {
        SkipUnlessAvailable();
        await using var aggregator = await CreateAsync(GeneratedTree.Build(1, _ => 1, _ => 1).Tree);

        Assert.Equal(0, await aggregator.Store.GetCursorAsync(Aggregator.Feed, CancellationToken.None));
        Assert.Equal(0, await aggregator.Store.CountRollupsAsync(CancellationToken.None));
        Assert.False(await aggregator.Store.RecomputationPendingAsync(CancellationToken.None));
    }
}

/// <summary>The rollup store contract on SQLite.</summary>
public sealed class SqliteRollupStoreTests : RollupStoreContract
{
    private protected override Task<Aggregator> CreateAsync(OrgUnitTree tree, int keptValues) => Task.FromResult(Aggregator.Create(tree, keptValues));
}
