using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Rollup;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;
using PeriodCode = IndicatorExchange.Domain.Periods.Period;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>
/// The engine keeps its inner nodes' values between transactions; they must never outlive what they were computed
/// from: an edit of the catalog, the tree or a deadline, or a transaction that did not commit.
/// </summary>
public sealed class KeptValuesTests
{
    /// <summary>Nation 100000, region 110000, prefectures 110100 (counties 110101–110103) and 110200 (110201–110203).</summary>
    private static readonly GeneratedTree Tree = GeneratedTree.Build(1, _ => 2, _ => 3);
    private const string Region = "110000";
    private const string Period = "2023Q1";

    [Fact]
    public async Task A_moved_deadline_reaches_the_region_at_the_next_change_below_it_even_for_the_prefecture_that_did_not_change()
    {
        await using var aggregator = Aggregator.Create(Tree.Tree);
        var feed = new FigureFeed();
        var deadline = DeadlineOf(Period);
        await aggregator.ApplyAsync([
            feed.Next("110101", Flow, Period, 10m, deadline.AddDays(-1)),
            feed.Next("110201", Flow, Period, 20m, deadline.AddDays(2)), // late under the first deadline
        ]);
        Assert.Equal(1, (await StoredRegionRowAsync(aggregator)).StatusCounts.Late);

        // The deadline moves a week later; then only prefecture 110100 changes.
        var moved = new Dictionary<string, DateTimeOffset>(Deadlines) { [Period] = deadline.AddDays(7) };
        aggregator.Catalog.Snapshot = aggregator.Catalog.Snapshot with { Deadlines = moved };
        await aggregator.ApplyAsync([feed.Next("110102", Flow, Period, 5m, deadline.AddDays(-1))]);

        var region = await StoredRegionRowAsync(aggregator);
        Assert.Equal(0, region.StatusCounts.Late);
        Assert.Equal("35", region.Total.Value);
    }

    [Fact]
    public async Task A_county_moved_to_another_prefecture_is_rolled_up_where_it_now_belongs()
    {
        await using var aggregator = Aggregator.Create(Tree.Tree);
        var feed = new FigureFeed();
        var at = DeadlineOf(Period).AddDays(-1);
        await aggregator.ApplyAsync([feed.Next("110103", Flow, Period, 7m, at), feed.Next("110201", Flow, Period, 20m, at)]);

        // 110103 moves from 110100 to 110200 (and a new unit appears, which makes the engine re-read the catalog).
        var units = Tree.Tree.All.Select(u => u.Code == "110103" ? u with { ParentCode = "110200" } : u)
            .Append(new OrgUnitDefinition("110204", "新县", "New county", OrgUnitLevel.County, "110200"));
        aggregator.Catalog.Snapshot = aggregator.Catalog.Snapshot with { Tree = new OrgUnitTree(units) };
        await aggregator.ApplyAsync([feed.Next("110204", Flow, Period, 1m, at)]);

        var prefecture = (await aggregator.StoredRowsAsync(["110200"], [Period], [Flow])).Values.Single();
        Assert.Equal("28", prefecture.Total.Value);
        Assert.Equal(["110201", "110103", "110204"], prefecture.Children.OrderByDescending(c => c.Value.ToDecimal()).Select(c => c.OrgUnit));
        var region = await StoredRegionRowAsync(aggregator);
        Assert.Equal("28", region.Total.Value); // 110100 has nothing left, and its old 7 is not counted again
        Assert.Equal(["110100"], region.MissingOrgUnits);

        // 110100 has no row left at once: the edit of the tree made the engine evaluate it anew for the region, and what it
        // evaluates it stores; a recomputation from the stored figures agrees.
        Assert.Empty(await aggregator.StoredRowsAsync(["110100"], [Period], [Flow]));
        await aggregator.Engine.RecomputeAllAsync(CancellationToken.None);
        Assert.Empty(await aggregator.StoredRowsAsync(["110100"], [Period], [Flow]));
        Assert.Equal("28", (await StoredRegionRowAsync(aggregator)).Total.Value);
    }

    [Fact]
    public async Task Values_evaluated_in_a_transaction_that_failed_to_commit_are_not_used_afterwards()
    {
        await using var aggregator = Aggregator.Create(Tree.Tree);
        var store = new CommitFailingStore(aggregator.Store);
        var engine = new Rollups.RollupEngine(store, aggregator.Catalog, aggregator.Signal);
        var feed = new FigureFeed();
        var at = DeadlineOf(Period).AddDays(-1);
        await engine.ApplyAsync(Aggregator.Feed, [feed.Next("110101", Flow, Period, 10m, at), feed.Next("110201", Flow, Period, 20m, at)], CancellationToken.None);

        store.FailNextCommit = true;
        await Assert.ThrowsAsync<IOException>(() => engine.ApplyAsync(Aggregator.Feed, [feed.Next("110201", Flow, Period, 25m, at)], CancellationToken.None));
        await engine.ApplyAsync(Aggregator.Feed, [feed.Next("110101", Flow, Period, 11m, at)], CancellationToken.None);

        Assert.Equal("31", (await StoredRegionRowAsync(aggregator)).Total.Value); // 11 + 20: the 25 was never stored
    }

    [Fact]
    public async Task Beyond_the_most_values_kept_the_pairs_used_least_recently_are_let_go_and_a_later_change_there_is_rolled_up_in_full()
    {
        // Four inner nodes per period and indicator (nation, region, two prefectures): room for two pairs' values.
        await using var aggregator = Aggregator.Create(Tree.Tree, keptValues: 8);
        var feed = new FigureFeed();
        var periods = new[] { "2023Q1", "2023Q2", "2023Q3" };
        foreach (var period in periods)
        {
            var at = DeadlineOf(period).AddDays(-1);
            await aggregator.ApplyAsync([feed.Next("110101", Flow, period, 10m, at), feed.Next("110201", Flow, period, 20m, at)]);
        }
        Assert.Equal(8, aggregator.Engine.KeptValueCount); // 2023Q1's were let go when 2023Q3's came

        // A change in 2023Q1 evaluates it anew from every county's figure, not from the values let go.
        var first = DeadlineOf("2023Q1").AddDays(-1);
        await aggregator.ApplyAsync([feed.Next("110202", Flow, "2023Q1", 5m, first)]);

        var region = (await aggregator.StoredRowsAsync([Region], ["2023Q1"], [Flow])).Values.Single();
        Assert.Equal("35", region.Total.Value);
        Assert.Equal(8, aggregator.Engine.KeptValueCount);
        var kept = await aggregator.StoredRowsAsync(Tree.Tree.InnerNodesDeepestFirst, periods, [Flow]);
        await aggregator.Engine.RecomputeAllAsync(CancellationToken.None);
        var recomputed = await aggregator.StoredRowsAsync(Tree.Tree.InnerNodesDeepestFirst, periods, [Flow]);
        Assert.Equal(recomputed.Keys, kept.Keys);
        Assert.All(recomputed, r => Assert.Equal(r.Value, kept[r.Key]));
    }

    [Fact]
    public async Task The_values_of_one_transaction_are_kept_whole_even_when_they_alone_exceed_the_most()
    {
        await using var aggregator = Aggregator.Create(Tree.Tree, keptValues: 2);
        var feed = new FigureFeed();
        var at = DeadlineOf(Period).AddDays(-1);
        await aggregator.ApplyAsync([feed.Next("110101", Flow, Period, 10m, at), feed.Next("110201", Flow, Period, 20m, at)]);

        Assert.Equal(4, aggregator.Engine.KeptValueCount);
        await aggregator.ApplyAsync([feed.Next("110102", Flow, Period, 1m, at)]);
        Assert.Equal("31", (await StoredRegionRowAsync(aggregator)).Total.Value);
    }

    private static async Task<SummaryRow> StoredRegionRowAsync(Aggregator aggregator) =>
        (await aggregator.StoredRowsAsync([Region], [Period], [Flow])).Values.Single();

    /// <summary>A store whose next commit fails (a full disk), after everything else in the transaction was done.</summary>
    private sealed class CommitFailingStore(IRollupStore inner) : IRollupStore
    {
        public bool FailNextCommit { get; set; }

        public async Task<IRollupSession> BeginAsync(CancellationToken cancellationToken) => new Session(await inner.BeginAsync(cancellationToken), this);

        public Task<long> GetCursorAsync(string feed, CancellationToken cancellationToken) => inner.GetCursorAsync(feed, cancellationToken);

        public Task<IReadOnlyList<FigureRow>> ReadAsync(IReadOnlyCollection<PeriodCode> periods, IReadOnlyCollection<string> indicators, CancellationToken cancellationToken) =>
            inner.ReadAsync(periods, indicators, cancellationToken);

        public Task<IReadOnlyList<FigureRow>> ReadAsOfAsync(IReadOnlyCollection<PeriodCode> periods, IReadOnlyCollection<string> indicators, DateTimeOffset asOf,
            CancellationToken cancellationToken) => inner.ReadAsOfAsync(periods, indicators, asOf, cancellationToken);

        public Task<bool> SettleAsync(CancellationToken cancellationToken) => inner.SettleAsync(cancellationToken);

        public Task<long> CountRollupsAsync(CancellationToken cancellationToken) => inner.CountRollupsAsync(cancellationToken);

        public Task<SummaryInputs> ReadSummaryInputsAsync(IReadOnlyCollection<string> innerNodes, IReadOnlyCollection<string> leaves, PeriodCode period,
            IReadOnlyCollection<PeriodCode> figurePeriods, IReadOnlyCollection<string> indicators, IReadOnlyCollection<PeriodCode> weightPeriods,
            IReadOnlyCollection<string> weightIndicators, CancellationToken cancellationToken) =>
            inner.ReadSummaryInputsAsync(innerNodes, leaves, period, figurePeriods, indicators, weightPeriods, weightIndicators, cancellationToken);

        public Task<bool> RecomputationPendingAsync(CancellationToken cancellationToken) => inner.RecomputationPendingAsync(cancellationToken);

        private sealed class Session(IRollupSession inner, CommitFailingStore store) : IRollupSession
        {
            public Task ApplyChangesAsync(IReadOnlyList<FigureRow> changes) => inner.ApplyChangesAsync(changes);

            public IReadOnlyList<FigureRow> Read(IReadOnlyCollection<PeriodCode> periods, IReadOnlyCollection<string> indicators, IReadOnlyCollection<string>? orgUnits = null) =>
                inner.Read(periods, indicators, orgUnits);

            public bool HasFigures(PeriodIndicator pair) => inner.HasFigures(pair);

            public IReadOnlyList<ILeafReader> OpenLeafReaders(int count) => inner.OpenLeafReaders(count);

            public Task<IReadOnlyList<PeriodIndicator>> ListPeriodIndicatorsAsync() => inner.ListPeriodIndicatorsAsync();

            public Task UpsertRollupsAsync(IReadOnlyList<StoredNodeValue> rows) => inner.UpsertRollupsAsync(rows);

            public Task DeleteRollupsAsync(IReadOnlyList<NodeKey> keys) => inner.DeleteRollupsAsync(keys);

            public Task BeginRollupRewriteAsync() => inner.BeginRollupRewriteAsync();

            public Task WriteRewrittenRollupsAsync(IReadOnlyList<StoredNodeValue> rows) => inner.WriteRewrittenRollupsAsync(rows);

            public Task FinishRollupRewriteAsync() => inner.FinishRollupRewriteAsync();

            public Task ResetAsync() => inner.ResetAsync();

            public Task SetCursorAsync(string feed, long sequence) => inner.SetCursorAsync(feed, sequence);

            public Task CommitAsync()
            {
                if (store.FailNextCommit)
                {
                    store.FailNextCommit = false;
                    throw new IOException("disk full");
                }
                return inner.CommitAsync();
            }

            public ValueTask DisposeAsync() => inner.DisposeAsync();
        }
    }
}
