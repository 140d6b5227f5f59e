using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>Which stored node values a batch of changes from the feed makes the rollup engine recompute.</summary>
internal static class TouchedKeys
{
    /// <summary>The node values a batch of changes can alter: for each changed figure, those of every ancestor of its org unit.</summary>
    public static HashSet<NodeKey> Of(IReadOnlyList<FigureRow> changes, CatalogSnapshot catalog, IRollupSession session)
    {
        var touched = new HashSet<NodeKey>();
        var seen = new HashSet<NodeKey>();
        var hasFigures = new Dictionary<PeriodIndicator, bool>();
        // The next year's rows of a change are its growth's; while the next year has no figure of an indicator, every
        // node's value there is empty and no row of it is stored, so there is nothing to recompute (a replay or a
        // quarter's first uploads would otherwise evaluate as many empty rows as real ones).
        bool HasFigures(PeriodIndicator pair)
        {
            if (!hasFigures.TryGetValue(pair, out var has))
            {
                has = session.HasFigures(pair);
                hasFigures[pair] = has;
            }
            return has;
        }
        foreach (var change in changes)
        {
            if (!change.TryGetKey(out var changed))
            {
                continue;
            }
            for (var node = Parent(change.OrgUnit, catalog.Tree); node is not null; node = Parent(node, catalog.Tree))
            {
                // Counties of one prefecture share their ancestors: each ancestor's keys once per period and indicator
                // (a node met again was reached before, and so were all of its ancestors).
                if (!seen.Add(new NodeKey(node, changed.Period, changed.Indicator)))
                {
                    break;
                }
                foreach (var key in KeysFor(node, changed, catalog, HasFigures))
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
    private static IEnumerable<NodeKey> KeysFor(string node, FigureKey change, CatalogSnapshot catalog, Func<PeriodIndicator, bool> hasFigures)
    {
        var period = change.Period;
        Period? nextYear = period.Year < Period.MaxYear ? period with { Year = period.Year + 1 } : null;
        var weighted = catalog.Indicators.Where(i => i.WeightIndicator == change.Indicator).Select(i => i.Code).ToList();
        foreach (var indicator in weighted.Append(change.Indicator))
        {
            yield return new NodeKey(node, period, indicator);
            if (nextYear is { } next && hasFigures(new PeriodIndicator(next, indicator)))
            {
                yield return new NodeKey(node, next, indicator);
            }
        }
        if (weighted.Count == 0)
        {
            yield break;
        }
        foreach (var dependent in WeightPeriods.Dependents(period))
        {
            if (dependent == period || dependent == nextYear)
            {
                continue;
            }
            foreach (var indicator in weighted)
            {
                if (hasFigures(new PeriodIndicator(dependent, indicator)))
                {
                    yield return new NodeKey(node, dependent, indicator);
                }
            }
        }
    }


    private static string? Parent(string orgUnit, OrgUnitTree tree) =>
        tree.TryGet(orgUnit, out var unit) && unit.ParentCode is { Length: > 0 } parent ? parent : null;
}
