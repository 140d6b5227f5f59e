using System.Diagnostics;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;
using Microsoft.Extensions.Logging;

namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>
/// Keeps the stored rollups up to date: the value of every inner node of the tree for each period and indicator with
/// something reported below it (summary rows are built from them when read). Each batch of changes from the feed is
/// applied with exactly the values it touches recomputed, in one transaction with the cursor: for every changed figure,
/// the values of all its ancestors, for its period and the next year's (whose growth it is the base of), for its
/// indicator and every indicator it weights. The inner nodes' values are also kept in memory between transactions, so
/// that a change re-evaluates its ancestors from their children rather than the whole tree from its leaves: a
/// transaction reads the figures of the changed leaves' siblings, and of a whole period and indicator only the first
/// time it meets them (or again, once its values were let go to keep at most <paramref name="keptValues"/>).
/// A full recomputation evaluates every value from the stored figures.
/// </summary>
internal sealed class RollupEngine(
    IRollupStore store, ICatalogSource catalogClient, RollupSignal signal, FeedProgress? progress = null, ILogger<RollupEngine>? logger = null,
    int keptValues = RollupEngine.DefaultKeptValues)
{
    /// <summary>The inner-node values kept between transactions at most: about two national quarters (some 50 MB).</summary>
    public const int DefaultKeptValues = 150_000;

    // One transaction at a time: the kept values are those of the last committed one.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly InnerNodeValues _kept = new(keptValues);

    /// <summary>How many inner-node values are kept between transactions now.</summary>
    public int KeptValueCount => _kept.Values.Count;

    /// <summary>Applies changes, recomputes the rollups they touch and moves the cursor, atomically.</summary>
    public async Task ApplyAsync(string feed, IReadOnlyList<FigureRow> changes, CancellationToken cancellationToken)
    {
        var catalog = await catalogClient.GetAsync(cancellationToken);
        if (changes.Any(c => !catalog.Tree.TryGet(c.OrgUnit, out _) || !catalog.IndicatorsByCode.ContainsKey(c.Indicator)
                             || !catalog.Deadlines.ContainsKey(c.Period)))
        {
            catalog = await catalogClient.GetAsync(cancellationToken, forceRefresh: true);
        }
        HashSet<SummaryKey> summaries;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _kept.UseCatalog(catalog);
            await using var session = await store.BeginAsync(cancellationToken);
            var committed = false;
            try
            {
                await session.ApplyChangesAsync(changes);
                var touched = TouchedKeys.Of(changes, catalog, session);
                await RecomputeAsync(session, touched, catalog, _kept);
                // The last sequence received, which the feed resumes after: with several indicator replicas the feed is in
                // commit order, and a later row may have a lower sequence.
                await session.SetCursorAsync(feed, changes[^1].Sequence);
                summaries = touched.Select(t => new SummaryKey(t.OrgUnit, t.Period)).ToHashSet();
                signal.Changing(summaries);
                await session.CommitAsync();
                committed = true;
            }
            finally
            {
                if (!committed)
                {
                    // The values evaluated in a transaction that did not commit describe figures that are not stored.
                    _kept.Forget();
                }
            }
        }
        finally
        {
            _gate.Release();
        }
        // Progress before the watchers wake, so that a summary showing these changes also says it is as of them.
        progress?.Report(changes.Max(c => c.Sequence));
        signal.Notify(summaries);
    }

    /// <summary>
    /// Lets go of the values kept between transactions, when this replica starts leading: while it stood by, another
    /// replica committed changes they do not reflect.
    /// </summary>
    public async Task ForgetKeptValuesAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _kept.Forget();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets every figure, revision, rollup and the cursor, before the feed is replayed.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _kept.Forget();
            await using var session = await store.BeginAsync(cancellationToken);
            await session.ResetAsync();
            signal.ChangingAll();
            await session.CommitAsync();
        }
        finally
        {
            _gate.Release();
        }
        // Cached reads stop here; the watchers wake when the replay brings their rows back.
        signal.Versions.BumpAll();
    }

    /// <summary>Recomputes every node value from the stored figures; answers the number kept (the rows summaries can show).</summary>
    public async Task<int> RecomputeAllAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var catalog = await catalogClient.GetAsync(cancellationToken, forceRefresh: true);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var started = clock.Elapsed;
            _kept.Forget();
            await using var session = await store.BeginAsync(cancellationToken);
            var pairs = await session.ListPeriodIndicatorsAsync();
            // Every value is written anew, and one whose node or period has no figure left is not kept. The next
            // year's values of a period are its own pairs when that year has figures.
            await session.BeginRollupRewriteAsync();
            var prepared = clock.Elapsed;
            var (kept, read, written) = await PairRecomputation.RunAsync(session, pairs, catalog, cancellationToken);
            await session.FinishRollupRewriteAsync();
            var computed = clock.Elapsed;
            signal.ChangingAll();
            await session.CommitAsync();
            var committed = clock.Elapsed;
            var settled = await SettleAsync(cancellationToken);
            logger?.LogInformation(
                "Recomputed {Rows} rollups (node values) of {Pairs} periods and indicators from the stored figures: {Catalog:0.00} s reading the catalog (and waiting for the engine), {Prepared:0.00} s listing the pairs, {Computed:0.00} s reading, computing and writing on {Readers} readers (of which {Read:0.00} s reading, summed over the readers, and {Written:0.00} s writing), {Committed:0.00} s committing, {Settled:0.00} s settling the storage ({Outcome})",
                kept, pairs.Count, started.TotalSeconds, (prepared - started).TotalSeconds, (computed - prepared).TotalSeconds, Environment.ProcessorCount, read.TotalSeconds, written.TotalSeconds,
                (committed - computed).TotalSeconds, (clock.Elapsed - committed).TotalSeconds,
                settled ? "done" : "a reader held an older snapshot; left to the next writes");
            return kept;
        }
        finally
        {
            _gate.Release();
            signal.NotifyAll();
        }
    }

    /// <summary>Number of stored node values (the rows summaries can show).</summary>
    public Task<long> CountRollupsAsync(CancellationToken cancellationToken) => store.CountRollupsAsync(cancellationToken);

    /// <summary>
    /// After a rebuild (a recomputation or a replay of the feed): settles the storage and returns to the system the memory
    /// the rebuild churned through. A national rebuild allocates gigabytes and is rare; without this the process kept its
    /// heap and page caches grown to that peak (600 MB and more) until the next one. Answers whether the storage settled.
    /// </summary>
    public async Task<bool> SettleAsync(CancellationToken cancellationToken)
    {
        var settled = await store.SettleAsync(cancellationToken);
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return settled;
    }

    /// <summary>
    /// Recomputes the rows of these keys: their values are first forgotten and then re-evaluated from their
    /// children's kept values and their leaf children's figures.
    /// </summary>
    private static async Task RecomputeAsync(IRollupSession session, IReadOnlyCollection<NodeKey> keys, CatalogSnapshot catalog, InnerNodeValues kept)
    {
        if (keys.Count == 0)
        {
            return;
        }
        var figures = new TransactionFigures(session);
        // Deepest first, so that a node's row and its parent's evaluation share one roll-up of the node.
        var ordered = keys.OrderByDescending(k => catalog.Tree.Depth(k.OrgUnit)).ToList();
        foreach (var key in ordered)
        {
            kept.Values.Remove(key);
        }
        var firstMet = ordered.Where(k => !kept.Covers(new PeriodIndicator(k.Period, k.Indicator))).ToList();
        figures.LoadEverywhere(PeriodsWithPriorYears(firstMet), IndicatorsWithWeights(firstMet, catalog));
        figures.LoadEverywhere(FallbackPeriods(firstMet), WeightIndicators(firstMet, catalog));
        var leaves = ordered.Select(k => k.OrgUnit).Distinct()
            .SelectMany(node => catalog.Tree.ChildrenOf(node)).Select(u => u.Code).Where(catalog.Tree.IsLeaf).ToHashSet(StringComparer.Ordinal);
        figures.LoadLeaves(leaves, PeriodsWithPriorYears(ordered), IndicatorsWithWeights(ordered, catalog),
            FallbackPeriods(ordered), WeightIndicators(ordered, catalog));
        // A period at a time, so that one period's evaluated values are let go before the next's.
        foreach (var periodKeys in ordered.GroupBy(k => k.Period))
        {
            var evaluator = new NodeEvaluator(catalog.Tree, catalog.IndicatorsByCode, figures, catalog.Deadlines, kept.Values);
            foreach (var (orgUnit, period, code) in periodKeys)
            {
                if (catalog.IndicatorsByCode.TryGetValue(code, out var indicator) && catalog.Tree.TryGet(orgUnit, out _))
                {
                    // Evaluating the node also keeps its value for the next transaction's evaluation of its parent.
                    evaluator.EvaluateWithReported(orgUnit, indicator, period);
                }
            }
            // Every inner node evaluated here is stored, not only the keys: a sibling evaluated anew for its parent (the kept
            // values were forgotten after an edit of the tree, the catalog or a deadline) may differ from its stored value.
            var upserts = new List<StoredNodeValue>();
            var deletes = new List<NodeKey>();
            foreach (var (key, (value, reported)) in evaluator.ComputedInnerNodes)
            {
                if (reported)
                {
                    upserts.Add(new StoredNodeValue(key, value));
                }
                else
                {
                    deletes.Add(key);
                }
            }
            await session.UpsertRollupsAsync(upserts);
            await session.DeleteRollupsAsync(deletes);
        }
        kept.Cover(ordered.Select(k => new PeriodIndicator(k.Period, k.Indicator)));
    }

    private static HashSet<Period> PeriodsWithPriorYears(IEnumerable<NodeKey> keys) =>
        keys.SelectMany(k => new[] { k.Period, k.Period.PriorYear() }).ToHashSet();

    private static HashSet<Period> FallbackPeriods(IEnumerable<NodeKey> keys) =>
        WeightFallback.FallbackPeriods(keys.Select(k => k.Period).Distinct());

    private static HashSet<string> WeightIndicators(IEnumerable<NodeKey> keys, CatalogSnapshot catalog) =>
        WeightFallback.WeightIndicators(catalog.IndicatorsByCode, keys.Select(k => k.Indicator).Distinct());

    private static HashSet<string> IndicatorsWithWeights(IEnumerable<NodeKey> keys, CatalogSnapshot catalog) =>
        catalog.WithWeights(keys.Select(k => k.Indicator));
}
