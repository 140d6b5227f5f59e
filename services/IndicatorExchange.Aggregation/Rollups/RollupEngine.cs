using Google.Protobuf;
using IndicatorExchange.ServiceDefaults.Catalog;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Summaries;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>
/// Keeps the stored summary rows up to date. Each batch of changes from the feed is applied with exactly the
/// rows it touches recomputed, in one transaction with the cursor: for every changed figure, the rows of all
/// its ancestors, for its period and the next year's (whose growth it is the base of), for its indicator and
/// every indicator it weights. A rebuild recomputes every row from the stored figures the same way.
/// </summary>
public sealed class RollupEngine(IRollupStore store, ICatalogSource catalogClient, RollupSignal signal, Feed.FeedProgress? progress = null)
{
    /// <summary>Applies changes, recomputes the rows they touch and moves the cursor, atomically.</summary>
    public async Task ApplyAsync(string feed, IReadOnlyList<FigureRow> changes, CancellationToken cancellationToken)
    {
        var catalog = await catalogClient.GetAsync(cancellationToken);
        if (changes.Any(c => !catalog.Tree.TryGet(c.OrgUnit, out _) || !catalog.IndicatorsByCode.ContainsKey(c.Indicator)
                             || !catalog.Deadlines.ContainsKey(c.Period)))
        {
            catalog = await catalogClient.GetAsync(cancellationToken, forceRefresh: true);
        }
        await using var session = await store.BeginAsync(cancellationToken);
        await session.ApplyChangesAsync(changes);
        var touched = Touched(changes, catalog);
        await RecomputeAsync(session, touched, catalog);
        await session.SetCursorAsync(feed, changes.Max(c => c.Sequence));
        var summaries = touched.Select(t => (t.OrgUnit, t.Period)).ToHashSet();
        signal.Changing(summaries);
        await session.CommitAsync();
        // Progress before the watchers wake, so that a summary showing these changes also says it is as of them.
        progress?.Report(changes.Max(c => c.Sequence));
        signal.Notify(summaries);
    }

    /// <summary>Forgets every figure, revision, rollup and the cursor, before the feed is replayed.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken)
    {
        await using var session = await store.BeginAsync(cancellationToken);
        await session.ResetAsync();
        signal.ChangingAll();
        await session.CommitAsync();
        // Cached reads stop here; the watchers wake when the replay brings their rows back.
        signal.Versions.BumpAll();
    }

    /// <summary>Recomputes every row from the stored figures; answers the number of rows kept.</summary>
    public async Task<int> RecomputeAllAsync(CancellationToken cancellationToken)
    {
        var catalog = await catalogClient.GetAsync(cancellationToken, forceRefresh: true);
        await using var session = await store.BeginAsync(cancellationToken);
        var keys = new HashSet<(string OrgUnit, string Period, string Indicator)>();
        var parents = catalog.Tree.All.Where(u => !catalog.Tree.IsLeaf(u.Code)).Select(u => u.Code).ToList();
        foreach (var (period, indicator) in await session.ListPeriodIndicatorsAsync())
        {
            var change = new FigureRow { Period = period, Indicator = indicator };
            keys.UnionWith(parents.SelectMany(node => KeysFor(node, change, catalog)));
        }
        var kept = await RecomputeAsync(session, keys, catalog);
        var summaries = keys.Select(k => (k.OrgUnit, k.Period)).ToHashSet();
        signal.Changing(summaries);
        await session.CommitAsync();
        signal.Notify(summaries);
        return kept;
    }

    private static HashSet<(string OrgUnit, string Period, string Indicator)> Touched(IReadOnlyList<FigureRow> changes, CatalogSnapshot catalog)
    {
        var touched = new HashSet<(string, string, string)>();
        var seen = new HashSet<(string Node, string Period, string Indicator)>();
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
                foreach (var key in KeysFor(node, change, catalog))
                {
                    touched.Add(key);
                }
            }
        }
        return touched;
    }

    /// <summary>The rows of one node that a change of (indicator, period) can alter.</summary>
    private static IEnumerable<(string, string, string)> KeysFor(string node, FigureRow change, CatalogSnapshot catalog)
    {
        if (!Period.TryParse(change.Period, out var period))
        {
            yield break;
        }
        var indicators = catalog.Indicators.Where(i => i.WeightIndicator == change.Indicator).Select(i => i.Code).Append(change.Indicator);
        foreach (var indicator in indicators)
        {
            yield return (node, period.ToString(), indicator);
            if (period.Year < Period.MaxYear)
            {
                yield return (node, (period with { Year = period.Year + 1 }).ToString(), indicator);
            }
        }
    }

    private static async Task<int> RecomputeAsync(IRollupSession session, IReadOnlyCollection<(string OrgUnit, string Period, string Indicator)> keys,
        CatalogSnapshot catalog)
    {
        if (keys.Count == 0)
        {
            return 0;
        }
        var periods = keys.Select(k => Period.Parse(k.Period)).SelectMany(p => new[] { p, p.PriorYear() }).Select(p => p.ToString()).ToHashSet();
        var indicators = keys.Select(k => k.Indicator)
            .SelectMany(code => catalog.IndicatorsByCode.TryGetValue(code, out var i) && i.WeightIndicator is { } w ? [code, w] : new[] { code })
            .ToHashSet();
        var evaluator = new NodeEvaluator(catalog.Tree, catalog.IndicatorsByCode, new FigureIndex(await session.ReadAsync(periods, indicators)), catalog.Deadlines);

        var upserts = new List<StoredRollup>();
        var deletes = new List<(string, string, string)>();
        foreach (var key in keys)
        {
            if (!catalog.IndicatorsByCode.TryGetValue(key.Indicator, out var indicator) || !catalog.Tree.TryGet(key.OrgUnit, out _))
            {
                continue;
            }
            var row = SummaryRowBuilder.Build(evaluator, key.OrgUnit, indicator, Period.Parse(key.Period));
            if (row.ReportedCount > 0)
            {
                upserts.Add(new StoredRollup(key.OrgUnit, key.Period, key.Indicator, row.ToByteArray()));
            }
            else
            {
                deletes.Add(key);
            }
        }
        await session.UpsertRollupsAsync(upserts);
        await session.DeleteRollupsAsync(deletes);
        return upserts.Count;
    }

    private static string? Parent(string orgUnit, OrgUnitTree tree) =>
        tree.TryGet(orgUnit, out var unit) && unit.ParentCode is { Length: > 0 } parent ? parent : null;
}
