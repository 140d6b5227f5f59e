using System.Collections.Concurrent;
using System.Diagnostics;
using Google.Protobuf;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Summaries;
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
public sealed class RollupEngine(
    IRollupStore store, ICatalogSource catalogClient, RollupSignal signal, Feed.FeedProgress? progress = null, ILogger<RollupEngine>? logger = null,
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
        HashSet<(string OrgUnit, string Period)> summaries;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _kept.UseCatalog(catalog);
            await using var session = await store.BeginAsync(cancellationToken);
            var committed = false;
            try
            {
                await session.ApplyChangesAsync(changes);
                var touched = Touched(changes, catalog, session);
                await RecomputeAsync(session, touched, catalog, _kept);
                await session.SetCursorAsync(feed, changes.Max(c => c.Sequence));
                summaries = touched.Select(t => (t.OrgUnit, t.Period)).ToHashSet();
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
            var (kept, read) = await RecomputePairsAsync(session, pairs, catalog, cancellationToken);
            await session.FinishRollupRewriteAsync();
            var computed = clock.Elapsed;
            signal.ChangingAll();
            await session.CommitAsync();
            var committed = clock.Elapsed;
            var settled = await SettleAsync(cancellationToken);
            logger?.LogInformation(
                "Recomputed {Rows} rollups (node values) of {Pairs} periods and indicators from the stored figures: {Catalog:0.00} s reading the catalog (and waiting for the engine), {Prepared:0.00} s listing the pairs, {Computed:0.00} s reading, computing and writing on {Readers} readers (of which {Read:0.00} s reading, summed over the readers), {Committed:0.00} s committing, {Settled:0.00} s settling the storage ({Outcome})",
                kept, pairs.Count, started.TotalSeconds, (prepared - started).TotalSeconds, (computed - prepared).TotalSeconds, Environment.ProcessorCount, read.TotalSeconds,
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
    /// Evaluates every inner node's value one period and indicator at a time, from that pair's figures with the prior
    /// year's and the weight indicator's beside them: what is held at any moment is a few indicators' figures and
    /// values, however many periods are stored. The pairs are read and evaluated on every core, each by a reader
    /// beside the session (reading was most of a recomputation, on one thread), while the session writes the values
    /// in the pairs' order. Answers the values kept and the time spent reading, summed over the readers.
    /// </summary>
    private static async Task<(int Kept, TimeSpan Read)> RecomputePairsAsync(IRollupSession session,
        IReadOnlyList<(string Period, string Indicator)> pairs, CatalogSnapshot catalog, CancellationToken cancellationToken)
    {
        var inFlight = Environment.ProcessorCount;
        var readers = new ConcurrentBag<ILeafReader>(session.OpenLeafReaders(inFlight));
        var evaluators = new ConcurrentBag<NodeEvaluator>();
        var evaluating = new Queue<Task<List<StoredNodeValue>>>();
        var kept = 0;
        long readingTicks = 0;
        try
        {
            foreach (var (periodText, code) in pairs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!Period.TryParse(periodText, out var period) || !catalog.IndicatorsByCode.TryGetValue(code, out var indicator))
                {
                    continue;
                }
                // At most one pair per reader in flight: the oldest is written before another starts.
                while (evaluating.Count >= inFlight)
                {
                    kept += await WriteAsync(session, await evaluating.Dequeue());
                }
                evaluating.Enqueue(Task.Run(() =>
                {
                    if (!readers.TryTake(out var reader))
                    {
                        throw new InvalidOperationException("More pairs in flight than readers.");
                    }
                    var started = Stopwatch.GetTimestamp();
                    List<(string, string, IReadOnlyList<StoredLeaf>)> figures;
                    try
                    {
                        figures = ReadPair(reader, period, code, catalog);
                    }
                    finally
                    {
                        readers.Add(reader);
                        Interlocked.Add(ref readingTicks, Stopwatch.GetTimestamp() - started);
                    }
                    return PairValues(catalog, indicator, period, figures, evaluators);
                }, cancellationToken));
            }
            while (evaluating.Count > 0)
            {
                kept += await WriteAsync(session, await evaluating.Dequeue());
            }
        }
        finally
        {
            // After a failure, the pairs still in flight hold readers: they end before the readers are closed.
            await ((Task)Task.WhenAll(evaluating)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
        return (kept, Stopwatch.GetElapsedTime(0, readingTicks));
    }

    /// <summary>
    /// A pair's figures with the prior year's and the weight indicator's beside them, and the weight indicator's of the
    /// periods a missing weight falls back to.
    /// </summary>
    private static List<(string, string, IReadOnlyList<StoredLeaf>)> ReadPair(ILeafReader reader, Period period, string code, CatalogSnapshot catalog)
    {
        var figures = new List<(string, string, IReadOnlyList<StoredLeaf>)>();
        var reads = new[] { period.ToString(), period.PriorYear().ToString() };
        foreach (var read in reads)
        {
            foreach (var readIndicator in catalog.WithWeights([code]))
            {
                figures.Add((read, readIndicator, reader.ReadLeaves(read, readIndicator)));
            }
        }
        foreach (var weight in WeightFallback.WeightIndicators(catalog, [code]))
        {
            foreach (var fallback in WeightFallback.FallbackPeriods([period]))
            {
                if (!reads.Contains(fallback))
                {
                    figures.Add((fallback, weight, reader.ReadLeaves(fallback, weight)));
                }
            }
        }
        return figures;
    }

    /// <summary>The value of every inner node for one indicator and period, deepest first (each roll-up computed once).</summary>
    private static List<StoredNodeValue> PairValues(CatalogSnapshot catalog, IndicatorDefinition indicator, Period period,
        List<(string, string, IReadOnlyList<StoredLeaf>)> figures, ConcurrentBag<NodeEvaluator> evaluators)
    {
        var lookup = new PairFigures(figures);
        if (evaluators.TryTake(out var evaluator))
        {
            evaluator.StartOver(lookup);
        }
        else
        {
            evaluator = new NodeEvaluator(catalog.Tree, catalog.IndicatorsByCode, lookup, catalog.Deadlines);
        }
        var text = period.ToString();
        var rows = new List<StoredNodeValue>();
        foreach (var node in catalog.Tree.InnerNodesDeepestFirst)
        {
            var (value, reported) = evaluator.EvaluateWithReported(node, indicator, period);
            if (reported)
            {
                rows.Add(new StoredNodeValue(node, text, indicator.Code, NodeValueCodec.Encode(value)));
            }
        }
        evaluators.Add(evaluator);
        // In the storage's key order (period, indicator, org unit): the pairs come in order, so every insert appends.
        rows.Sort(static (a, b) => string.CompareOrdinal(a.OrgUnit, b.OrgUnit));
        return rows;
    }

    private static async Task<int> WriteAsync(IRollupSession session, List<StoredNodeValue> rows)
    {
        await session.WriteRewrittenRollupsAsync(rows);
        return rows.Count;
    }

    private static HashSet<(string OrgUnit, string Period, string Indicator)> Touched(IReadOnlyList<FigureRow> changes, CatalogSnapshot catalog,
        IRollupSession session)
    {
        var touched = new HashSet<(string, string, string)>();
        var seen = new HashSet<(string Node, string Period, string Indicator)>();
        var hasFigures = new Dictionary<(string Period, string Indicator), bool>();
        // The next year's rows of a change are its growth's; while the next year has no figure of an indicator, every
        // node's value there is empty and no row of it is stored, so there is nothing to recompute (a replay or a
        // quarter's first uploads would otherwise evaluate as many empty rows as real ones).
        bool HasFigures(string period, string indicator)
        {
            if (!hasFigures.TryGetValue((period, indicator), out var has))
            {
                has = session.HasFigures(period, indicator);
                hasFigures[(period, indicator)] = has;
            }
            return has;
        }
        foreach (var change in changes)
        {
            for (var node = Parent(change.OrgUnit, catalog.Tree); node is not null; node = Parent(node, catalog.Tree))
            {
                // Counties of one prefecture share their ancestors: each ancestor's keys once per period and indicator
                // (a node met again was reached before, and so were all of its ancestors).
                if (!seen.Add((node, change.Period, change.Indicator)))
                {
                    break;
                }
                foreach (var key in KeysFor(node, change, catalog, HasFigures))
                {
                    touched.Add(key);
                }
            }
        }
        return touched;
    }

    /// <summary>
    /// The rows of one node that a change of (indicator, period) can alter: its own, the next year's (whose growth it is
    /// the base of), and for a weight every period with figures of the indicators it weights whose weight may fall back
    /// to it (a year-end population weighs the quarters of its year and of the next that have none of their own).
    /// </summary>
    private static IEnumerable<(string, string, string)> KeysFor(string node, FigureRow change, CatalogSnapshot catalog,
        Func<string, string, bool> hasFigures)
    {
        if (!Period.TryParse(change.Period, out var period))
        {
            yield break;
        }
        var text = period.ToString();
        var nextYear = period.Year < Period.MaxYear ? (period with { Year = period.Year + 1 }).ToString() : null;
        var weighted = catalog.Indicators.Where(i => i.WeightIndicator == change.Indicator).Select(i => i.Code).ToList();
        foreach (var indicator in weighted.Append(change.Indicator))
        {
            yield return (node, text, indicator);
            if (nextYear is not null && hasFigures(nextYear, indicator))
            {
                yield return (node, nextYear, indicator);
            }
        }
        if (weighted.Count == 0)
        {
            yield break;
        }
        foreach (var dependent in WeightPeriods.Dependents(period))
        {
            var dependentText = dependent.ToString();
            if (dependentText == text || dependentText == nextYear)
            {
                continue;
            }
            foreach (var indicator in weighted)
            {
                if (hasFigures(dependentText, indicator))
                {
                    yield return (node, dependentText, indicator);
                }
            }
        }
    }

    /// <summary>
    /// Recomputes the rows of these keys: their values are first forgotten and then re-evaluated from their
    /// children's kept values and their leaf children's figures.
    /// </summary>
    private static async Task RecomputeAsync(IRollupSession session, IReadOnlyCollection<(string OrgUnit, string Period, string Indicator)> keys,
        CatalogSnapshot catalog, InnerNodeValues kept)
    {
        if (keys.Count == 0)
        {
            return;
        }
        var figures = new TransactionFigures(session);
        // Deepest first, so that a node's row and its parent's evaluation share one roll-up of the node.
        var parsed = keys.Where(k => Period.TryParse(k.Period, out _)).Select(k => (k.OrgUnit, Period: Period.Parse(k.Period), k.Indicator))
            .OrderByDescending(k => catalog.Tree.Depth(k.OrgUnit)).ToList();
        foreach (var (orgUnit, period, indicator) in parsed)
        {
            kept.Values.Remove(orgUnit, indicator, period);
        }
        var firstMet = parsed.Where(k => !kept.Covers(k.Period.ToString(), k.Indicator)).ToList();
        figures.LoadEverywhere(PeriodsWithPriorYears(firstMet), IndicatorsWithWeights(firstMet, catalog));
        figures.LoadEverywhere(FallbackPeriods(firstMet), WeightIndicators(firstMet, catalog));
        var leaves = parsed.Select(k => k.OrgUnit).Distinct()
            .SelectMany(node => catalog.Tree.ChildrenOf(node)).Select(u => u.Code).Where(catalog.Tree.IsLeaf).ToHashSet(StringComparer.Ordinal);
        figures.LoadLeaves(leaves, PeriodsWithPriorYears(parsed), IndicatorsWithWeights(parsed, catalog),
            FallbackPeriods(parsed), WeightIndicators(parsed, catalog));
        // A period at a time, so that one period's evaluated values are let go before the next's.
        foreach (var periodKeys in parsed.GroupBy(k => k.Period))
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
            var deletes = new List<(string, string, string)>();
            foreach (var ((orgUnit, code, period), (value, reported)) in evaluator.ComputedInnerNodes)
            {
                if (reported)
                {
                    upserts.Add(new StoredNodeValue(orgUnit, period.ToString(), code, NodeValueCodec.Encode(value)));
                }
                else
                {
                    deletes.Add((orgUnit, period.ToString(), code));
                }
            }
            await session.UpsertRollupsAsync(upserts);
            await session.DeleteRollupsAsync(deletes);
        }
        kept.Cover(parsed.Select(k => (k.Period.ToString(), k.Indicator)));
    }

    private static HashSet<string> PeriodsWithPriorYears(IEnumerable<(string OrgUnit, Period Period, string Indicator)> keys) =>
        keys.SelectMany(k => new[] { k.Period, k.Period.PriorYear() }).Select(p => p.ToString()).ToHashSet();

    private static HashSet<string> FallbackPeriods(IEnumerable<(string OrgUnit, Period Period, string Indicator)> keys) =>
        WeightFallback.FallbackPeriods(keys.Select(k => k.Period).Distinct());

    private static HashSet<string> WeightIndicators(IEnumerable<(string OrgUnit, Period Period, string Indicator)> keys, CatalogSnapshot catalog) =>
        WeightFallback.WeightIndicators(catalog, keys.Select(k => k.Indicator).Distinct());

    private static HashSet<string> IndicatorsWithWeights(IEnumerable<(string OrgUnit, Period Period, string Indicator)> keys, CatalogSnapshot catalog) =>
        catalog.WithWeights(keys.Select(k => k.Indicator));

    private static string? Parent(string orgUnit, OrgUnitTree tree) =>
        tree.TryGet(orgUnit, out var unit) && unit.ParentCode is { Length: > 0 } parent ? parent : null;
}
