using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Domain.Rollup;

/// <summary>
/// Evaluates any node of the org-unit tree from the leaves up, so that a region's total is the sum of
/// its prefectures' totals and every level follows the same catalog rule. Each inner node's value is computed once per
/// evaluator (its figures do not change), so the rows of a node and of all its ancestors cost one pass over the subtree.
/// With a <see cref="NodeValueCache"/>, inner nodes' values also come from (and go to) that cache, so that an
/// evaluator for a few changed leaves re-evaluates only what the caller removed from it.
/// Not thread-safe: one evaluator serves one request or one batch.
/// </summary>
public sealed class NodeEvaluator(
    OrgUnitTree tree,
    IReadOnlyDictionary<string, IndicatorDefinition> catalog,
    IFigureLookup figures,
    IReadOnlyDictionary<string, DateTimeOffset> deadlines,
    NodeValueCache? innerNodes = null)
{
    private readonly Dictionary<NodeKey, (NodeValue? Value, bool Reported)> _evaluated = [];
    private readonly Dictionary<Period, PeriodFacts> _facts = [];

    /// <summary>A period's code (the deadlines are by code) and its weight figures' candidate periods (<see cref="WeightPeriods"/>).</summary>
    private sealed record PeriodFacts(string Text, Period?[] WeightCandidates);

    public OrgUnitTree Tree => tree;

    /// <summary>The inner nodes whose values this evaluator computed (rather than found in the cache), with those values.</summary>
    public IReadOnlyList<(NodeKey Key, (NodeValue? Value, bool Reported) Value)> ComputedInnerNodes => _computed;

    private readonly List<(NodeKey, (NodeValue?, bool))> _computed = [];

    /// <summary>
    /// Forgets every value and evaluates from other figures, keeping its tables' memory: a recomputation goes through
    /// hundreds of periods and indicators, and a fresh table of a national tree's values is a large-object allocation.
    /// </summary>
    public void StartOver(IFigureLookup otherFigures)
    {
        figures = otherFigures;
        _evaluated.Clear();
        _computed.Clear();
    }

    /// <summary>
    /// The roll-up of <paramref name="indicator"/> over the direct children of <paramref name="orgUnit"/>. The node's own
    /// value is remembered from it, so that a row built from a roll-up and its parent's evaluation share one computation
    /// (build the rows of a subtree deepest first, see <see cref="OrgUnitTree.InnerNodesDeepestFirst"/>).
    /// </summary>
    public NodeRollup RollUp(string orgUnit, IndicatorDefinition indicator, Period period)
    {
        var rollup = ComputeRollUp(orgUnit, indicator, period);
        var key = new NodeKey(orgUnit, period, indicator.Code);
        if (!_evaluated.ContainsKey(key))
        {
            Remember(key, ValueOf(rollup));
        }
        return rollup;
    }

    private NodeRollup ComputeRollUp(string orgUnit, IndicatorDefinition indicator, Period period)
    {
        var all = tree.ChildrenOf(orgUnit);
        var children = new Dictionary<string, NodeValue>(all.Count, StringComparer.Ordinal);
        var missing = new List<string>();
        var unaggregated = new List<string>();
        var inputs = new List<ChildInput>(all.Count);
        var expected = 0;
        foreach (var child in all)
        {
            // Only the children that existed during the period: a unit closed or merged before it is not expected to report.
            if (!child.ExistsDuring(period))
            {
                continue;
            }
            expected++;
            var (value, reported) = EvaluateNode(child.Code, indicator, period);
            if (value is null)
            {
                (reported ? unaggregated : missing).Add(child.Code);
                continue;
            }
            children[child.Code] = value;
            inputs.Add(InputOf(child.Code, value, indicator, period));
        }
        return new NodeRollup(RollupCalculator.Compute(indicator.Aggregation, HasWeight(indicator), inputs, unaggregated: unaggregated.Count),
            children, missing, unaggregated, expected);
    }

    /// <summary>
    /// What <see cref="ValueOf"/> answers for <see cref="ComputeRollUp"/>'s roll-up, without the children's shares and ranks
    /// and the lists a row shows: a recomputation evaluates every inner node of the tree this way.
    /// </summary>
    private (NodeValue? Value, bool Reported) ComputeValue(string orgUnit, IndicatorDefinition indicator, Period period)
    {
        var all = tree.ChildrenOf(orgUnit);
        var inputs = new List<ChildInput>(all.Count);
        var (reportedCount, unaggregated, partial, status, first, warnings, late) = (0, 0, false, int.MaxValue, (DateTimeOffset?)null, false, false);
        foreach (var child in all)
        {
            if (!child.ExistsDuring(period))
            {
                continue;
            }
            var (value, reported) = EvaluateNode(child.Code, indicator, period);
            if (value is null)
            {
                // Missing, or reported without a value of its own: either way the total is partial.
                reportedCount += reported ? 1 : 0;
                unaggregated += reported ? 1 : 0;
                partial = true;
                continue;
            }
            reportedCount++;
            partial |= value.Partial;
            status = Math.Min(status, value.Status);
            first = value.FirstReceivedAt is { } at && (first is null || at > first) ? at : first;
            warnings |= value.HasOpenWarnings;
            late |= value.Late;
            inputs.Add(InputOf(child.Code, value, indicator, period));
        }
        var result = RollupCalculator.Compute(indicator.Aggregation, HasWeight(indicator), inputs, perChild: false, unaggregated);
        return result.Total is { } total
            ? (new NodeValue(total, result.GrowthPct, null, status, partial, first, warnings, late) { Sums = result.Sums }, true)
            : (null, reportedCount > 0);
    }

    /// <summary>
    /// A child's input to its parent's roll-up. A leaf's weight is its own weight figure; a rolled-up child brings the
    /// weights of its mean in its sums.
    /// </summary>
    private ChildInput InputOf(string child, NodeValue value, IndicatorDefinition indicator, Period period)
    {
        if (value.Sums is not null || indicator.WeightIndicator is not { } w || !catalog.TryGetValue(w, out var weightIndicator))
        {
            return new ChildInput(child, value.Value, value.GrowthPct, value.PriorYearValue) { Sums = value.Sums };
        }
        var (weight, slot) = tree.IsLeaf(child) ? LeafWeight(child, w, period) : (EvaluateNode(child, weightIndicator, period).Value?.Value, 0);
        return new ChildInput(child, value.Value, value.GrowthPct, value.PriorYearValue, weight) { WeightSlot = slot };
    }

    /// <summary>
    /// A leaf's weight: its weight figure of the period, else of the first candidate period that has one (the year-end
    /// figure of the same year, else of the year before), with that period's slot; null when it has none.
    /// </summary>
    private (decimal? Weight, int Slot) LeafWeight(string leaf, string weightIndicator, Period period)
    {
        var candidates = Facts(period).WeightCandidates;
        for (var slot = 0; slot < candidates.Length; slot++)
        {
            if (candidates[slot] is { } candidate && figures.Find(new FigureKey(leaf, candidate, weightIndicator)) is { } figure)
            {
                return (figure.Value, slot);
            }
        }
        return (null, 0);
    }

    private bool HasWeight(IndicatorDefinition indicator) => indicator.WeightIndicator is { } w && catalog.ContainsKey(w);

    /// <summary>A node's own value: its figure for a leaf, its roll-up's total otherwise; null when there is none.</summary>
    public NodeValue? Evaluate(string orgUnit, IndicatorDefinition indicator, Period period) => EvaluateNode(orgUnit, indicator, period).Value;

    /// <summary>
    /// A node's own value, and whether anything below it reported (a mean without weights has none): what the rollup
    /// engine stores for an inner node, and a summary row is built from for its parent.
    /// </summary>
    public (NodeValue? Value, bool Reported) EvaluateWithReported(string orgUnit, IndicatorDefinition indicator, Period period) =>
        EvaluateNode(orgUnit, indicator, period);

    private (NodeValue? Value, bool Reported) EvaluateNode(string orgUnit, IndicatorDefinition indicator, Period period)
    {
        if (tree.IsLeaf(orgUnit))
        {
            // A leaf is its figure, looked up again rather than remembered: a recomputation meets each leaf once per
            // indicator, and remembering 570,000 of them cost more than the lookups.
            return EvaluateLeaf(orgUnit, indicator, period);
        }
        var key = new NodeKey(orgUnit, period, indicator.Code);
        if (_evaluated.TryGetValue(key, out var evaluated))
        {
            return evaluated;
        }
        if (innerNodes is null || !innerNodes.TryGet(key, out evaluated))
        {
            // Only the node's value is wanted here, not its children's shares and ranks.
            evaluated = ComputeValue(orgUnit, indicator, period);
            Remember(key, evaluated);
            return evaluated;
        }
        _evaluated[key] = evaluated;
        return evaluated;
    }

    private void Remember(NodeKey key, (NodeValue? Value, bool Reported) value)
    {
        _evaluated[key] = value;
        _computed.Add((key, value));
        innerNodes?.Set(key, value);
    }

    private (NodeValue? Value, bool Reported) EvaluateLeaf(string orgUnit, IndicatorDefinition indicator, Period period)
    {
        if (figures.Find(new FigureKey(orgUnit, period, indicator.Code)) is not { } figure)
        {
            return (null, false);
        }
        var prior = figures.Find(new FigureKey(orgUnit, period.PriorYear(), indicator.Code));
        var late = figure.FirstReceivedAt is { } first && deadlines.TryGetValue(Facts(period).Text, out var deadline) && first > deadline;
        return (new NodeValue(figure.Value, figure.GrowthPct, prior?.Value, figure.Status, Partial: false,
            figure.FirstReceivedAt, figure.HasOpenWarnings, late), true);
    }

    /// <summary>A period's code and weight candidates, worked out once per evaluator rather than once per leaf.</summary>
    private PeriodFacts Facts(Period period)
    {
        if (!_facts.TryGetValue(period, out var facts))
        {
            facts = new PeriodFacts(period.ToString(), WeightPeriods.Candidates(period));
            _facts[period] = facts;
        }
        return facts;
    }

    private static (NodeValue? Value, bool Reported) ValueOf(NodeRollup rollup)
    {
        if (rollup.Result.Total is not { } total)
        {
            return (null, rollup.ReportedCount > 0);
        }
        var children = rollup.Children.Values;
        return (new NodeValue(total, rollup.Result.GrowthPct, null, children.Min(c => c.Status), rollup.Partial,
            children.Max(c => c.FirstReceivedAt), children.Any(c => c.HasOpenWarnings), children.Any(c => c.Late))
        {
            Sums = rollup.Result.Sums,
        }, true);
    }
}
