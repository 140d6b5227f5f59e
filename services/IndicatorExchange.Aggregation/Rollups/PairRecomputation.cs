using System.Collections.Concurrent;
using System.Diagnostics;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>The rollup engine's full recomputation from the stored figures, one period and indicator at a time, on every core.</summary>
internal static class PairRecomputation
{
    /// <summary>
    /// Evaluates every inner node's value one period and indicator at a time, from that pair's figures with the prior
    /// year's and the weight indicator's beside them: what is held at any moment is a few indicators' figures and
    /// values, however many periods are stored. The pairs are read and evaluated on every core, each by a reader
    /// beside the session (reading was most of a recomputation, on one thread), while the session writes the values
    /// in the pairs' order. Answers the values kept, the time spent reading (summed over the readers) and the time spent writing.
    /// </summary>
    public static async Task<(int Kept, TimeSpan Read, TimeSpan Written)> RunAsync(IRollupSession session,
        IReadOnlyList<PeriodIndicator> pairs, CatalogSnapshot catalog, CancellationToken cancellationToken)
    {
        var inFlight = Environment.ProcessorCount;
        var readers = new ConcurrentBag<ILeafReader>(session.OpenLeafReaders(inFlight));
        var evaluators = new ConcurrentBag<NodeEvaluator>();
        var evaluating = new Queue<Task<List<StoredNodeValue>>>();
        var kept = 0;
        long readingTicks = 0;
        long writingTicks = 0;

        // The oldest pair's values, once evaluated, written in the session (the pairs' order), the writing timed.
        async Task WriteOldestAsync()
        {
            var values = await evaluating.Dequeue();
            var writing = Stopwatch.GetTimestamp();
            kept += await WriteAsync(session, values);
            writingTicks += Stopwatch.GetTimestamp() - writing;
        }

        try
        {
            foreach (var (period, code) in pairs)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!catalog.IndicatorsByCode.TryGetValue(code, out var indicator))
                {
                    continue;
                }
                // At most one pair per reader in flight: the oldest is written before another starts.
                while (evaluating.Count >= inFlight)
                {
                    await WriteOldestAsync();
                }
                evaluating.Enqueue(Task.Run(() =>
                {
                    if (!readers.TryTake(out var reader))
                    {
                        throw new InvalidOperationException("More pairs in flight than readers.");
                    }
                    var started = Stopwatch.GetTimestamp();
                    List<(PeriodIndicator, IReadOnlyList<StoredLeaf>)> figures;
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
                await WriteOldestAsync();
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
        return (kept, Stopwatch.GetElapsedTime(0, readingTicks), Stopwatch.GetElapsedTime(0, writingTicks));
    }

    /// <summary>
    /// A pair's figures with the prior year's and the weight indicator's beside them, and the weight indicator's of the
    /// periods a missing weight falls back to.
    /// </summary>
    private static List<(PeriodIndicator, IReadOnlyList<StoredLeaf>)> ReadPair(ILeafReader reader, Period period, string code, CatalogSnapshot catalog)
    {
        var figures = new List<(PeriodIndicator, IReadOnlyList<StoredLeaf>)>();
        var reads = new[] { period, period.PriorYear() };
        foreach (var read in reads)
        {
            foreach (var readIndicator in catalog.WithWeights([code]))
            {
                var pair = new PeriodIndicator(read, readIndicator);
                figures.Add((pair, reader.ReadLeaves(pair)));
            }
        }
        foreach (var weight in WeightFallback.WeightIndicators(catalog.IndicatorsByCode, [code]))
        {
            foreach (var fallback in WeightFallback.FallbackPeriods([period]))
            {
                if (!reads.Contains(fallback))
                {
                    var pair = new PeriodIndicator(fallback, weight);
                    figures.Add((pair, reader.ReadLeaves(pair)));
                }
            }
        }
        return figures;
    }

    /// <summary>The value of every inner node for one indicator and period, deepest first (each roll-up computed once).</summary>
    private static List<StoredNodeValue> PairValues(CatalogSnapshot catalog, IndicatorDefinition indicator, Period period,
        List<(PeriodIndicator, IReadOnlyList<StoredLeaf>)> figures, ConcurrentBag<NodeEvaluator> evaluators)
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
        var rows = new List<StoredNodeValue>();
        foreach (var node in catalog.Tree.InnerNodesDeepestFirst)
        {
            var (value, reported) = evaluator.EvaluateWithReported(node, indicator, period);
            if (reported)
            {
                rows.Add(new StoredNodeValue(new NodeKey(node, period, indicator.Code), value));
            }
        }
        evaluators.Add(evaluator);
        // In the storage's key order (period, indicator, org unit): the pairs come in order, so every insert appends.
        rows.Sort(static (a, b) => string.CompareOrdinal(a.Key.OrgUnit, b.Key.OrgUnit));
        return rows;
    }

    private static async Task<int> WriteAsync(IRollupSession session, List<StoredNodeValue> rows)
    {
        await session.WriteRewrittenRollupsAsync(rows);
        return rows.Count;
    }
}
