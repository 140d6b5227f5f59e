using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>An org unit's value for one indicator and period: reported (a leaf) or rolled up from its descendants.</summary>
public sealed record NodeValue(decimal Value, decimal? GrowthPct, decimal? PriorYearValue, int Status, bool Partial);

/// <summary>
/// Evaluates any node of the org-unit tree from the leaves up, so that a region's total is the sum of
/// its prefectures' totals and every level follows the same catalog rule.
/// </summary>
public sealed class NodeEvaluator(OrgUnitTree tree, IReadOnlyDictionary<string, IndicatorDefinition> catalog, FigureIndex figures)
{
    /// <summary>The roll-up of <paramref name="indicator"/> over the direct children of <paramref name="orgUnit"/>.</summary>
    public (RollupResult Result, IReadOnlyDictionary<string, NodeValue> Children, IReadOnlyList<string> Missing) RollUp(
        string orgUnit, IndicatorDefinition indicator, string period, string priorPeriod)
    {
        var children = new Dictionary<string, NodeValue>(StringComparer.Ordinal);
        var missing = new List<string>();
        var inputs = new List<ChildInput>();
        foreach (var child in ExpectedChildren(orgUnit, period))
        {
            if (Evaluate(child.Code, indicator, period, priorPeriod) is not { } value)
            {
                missing.Add(child.Code);
                continue;
            }
            children[child.Code] = value;
            var weight = indicator.WeightIndicator is { } w && catalog.TryGetValue(w, out var weightIndicator)
                ? Evaluate(child.Code, weightIndicator, period, priorPeriod)?.Value
                : null;
            inputs.Add(new ChildInput(child.Code, value.Value, value.GrowthPct, value.PriorYearValue, weight));
        }
        var hasWeight = indicator.WeightIndicator is not null && catalog.ContainsKey(indicator.WeightIndicator);
        return (RollupCalculator.Compute(indicator.Aggregation, hasWeight, inputs), children, missing);
    }

    /// <summary>The children that existed during the period: a unit closed or merged before it is not expected to report.</summary>
    public IEnumerable<OrgUnitDefinition> ExpectedChildren(string orgUnit, string period) =>
        tree.ChildrenOf(orgUnit).Where(child => child.ExistsDuring(Period.Parse(period)));

    private NodeValue? Evaluate(string orgUnit, IndicatorDefinition indicator, string period, string priorPeriod)
    {
        if (tree.IsLeaf(orgUnit))
        {
            if (figures.Find(orgUnit, indicator.Code, period) is not { } figure)
            {
                return null;
            }
            var prior = figures.Find(orgUnit, indicator.Code, priorPeriod);
            return new NodeValue(figure.Value, figure.GrowthPct, prior?.Value, figure.Status, Partial: false);
        }
        var (result, children, missing) = RollUp(orgUnit, indicator, period, priorPeriod);
        if (result.Total is not { } total)
        {
            return null;
        }
        var partial = missing.Count > 0 || children.Values.Any(c => c.Partial);
        return new NodeValue(total, result.GrowthPct, null, children.Values.Min(c => c.Status), partial);
    }
}
