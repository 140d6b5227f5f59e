using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;

namespace IndicatorExchange.Domain.Rollup;

/// <summary>
/// Rolls one indicator up over the children of an org unit, by the catalog's rule (domain.md §4, §5).
/// All arithmetic is decimal; computed ratios keep 10 decimal places.
/// </summary>
public static class RollupCalculator
{
    /// <param name="perChild">
    /// False when only the total, the growth and their sums are wanted (a node's value for its parent): the shares,
    /// pulls, contributions and ranks of the children are then not computed and <see cref="RollupResult.Children"/> is empty.
    /// </param>
    /// <param name="unaggregated">
    /// Children that reported (something below them did) but have no value of their own: a mean or rate whose weights are
    /// missing below them, or an indicator that is not aggregated. A weighted mean over them has no total (WEIGHT_MISSING),
    /// and when no child has a value the method still says why there is none rather than NO_DATA.
    /// </param>
    public static RollupResult Compute(AggregationRule rule, bool hasWeightIndicator, IReadOnlyList<ChildInput> children, bool perChild = true,
        int unaggregated = 0)
    {
        if (children.Count == 0)
        {
            return new RollupResult(null, unaggregated > 0 ? NoTotalMethod(rule, hasWeightIndicator) : TotalMethod.NoData, null, GrowthBasis.Unavailable, []);
        }
        // Loops rather than LINQ: a national recomputation rolls up hundreds of thousands of nodes.
        var ordered = new List<ChildInput>(children);
        ordered.Sort(static (a, b) => b.Value.CompareTo(a.Value) is var byValue and not 0 ? byValue : string.CompareOrdinal(a.OrgUnit, b.OrgUnit));
        var bases = new List<GrowthBase>(ordered.Count);
        foreach (var child in ordered)
        {
            bases.Add(GrowthBase.Of(child));
        }
        return rule switch
        {
            AggregationRule.Sum => Sum(ordered, bases, perChild),
            AggregationRule.WeightedMean or AggregationRule.Rate when hasWeightIndicator && unaggregated > 0 =>
                PerChildOnly(ordered, bases, TotalMethod.WeightMissing, perChild),
            AggregationRule.WeightedMean or AggregationRule.Rate when hasWeightIndicator => WeightedMean(ordered, bases, perChild),
            AggregationRule.WeightedMean => PerChildOnly(ordered, bases, TotalMethod.WeightMissing, perChild),
            _ => PerChildOnly(ordered, bases, TotalMethod.NotAggregated, perChild),
        };
    }

    private static RollupResult Sum(List<ChildInput> children, List<GrowthBase> bases, bool perChild)
    {
        var total = 0m;
        foreach (var child in children)
        {
            total += child.Value;
        }
        var basis = CombinedBasis(bases);
        decimal? growth = null;
        decimal? baseSum = null;
        decimal? increaseSum = null;
        if (basis != GrowthBasis.Unavailable)
        {
            var (baseTotal, increases) = (0m, 0m);
            foreach (var b in bases)
            {
                baseTotal += b.Base!.Value;
                increases += b.Increase!.Value;
            }
            (baseSum, increaseSum) = (baseTotal, increases);
            // G = Σ base_i (1 + g_i) / Σ base_i − 1 = Σ base_i g_i / Σ base_i
            growth = baseSum == 0m ? null : increaseSum / baseSum * 100m;
        }
        List<ChildResult> results = !perChild ? [] : Children(children, bases, (child, b) => (
            Share: total == 0m ? null : child.Value / total * 100m,
            Pull: growth is null ? null : b.Increase / baseSum * 100m,
            Contribution: growth is null || increaseSum == 0m ? null : b.Increase / increaseSum * 100m));
        return new RollupResult(total, TotalMethod.Sum, Round(growth), growth is null ? GrowthBasis.Unavailable : basis, results)
        {
            Sums = new RolledUpSums(baseSum, increaseSum, growth is null ? GrowthBasis.Unavailable : basis, null, null, null),
        };
    }

    private static RollupResult WeightedMean(List<ChildInput> children, List<GrowthBase> bases, bool perChild)
    {
        // A child that is itself a weighted mean brings Σ w and Σ v·w of its own leaves: exact at every level.
        var weights = children.Select(c => c.Sums?.WeightSum ?? c.Weight).ToList();
        if (weights.Any(w => w is null or <= 0m))
        {
            return PerChildOnly(children, bases, TotalMethod.WeightMissing, perChild);
        }
        var weightSum = weights.Sum(w => w!.Value);
        var weightedSum = children.Select((c, i) => c.Sums?.WeightedSum ?? c.Value * weights[i]!.Value).Sum();
        var mean = weightedSum / weightSum;
        var weightPeriods = 0;
        foreach (var child in children)
        {
            weightPeriods |= WeightPeriodsOf(child);
        }
        var basis = CombinedBasis(bases);
        decimal? growth = null;
        decimal? weightedBaseSum = null;
        if (basis != GrowthBasis.Unavailable)
        {
            // The prior-year mean with the same weights: Σ w_i base_i / Σ w_i.
            weightedBaseSum = children.Select((c, i) => c.Sums?.WeightedBaseSum ?? weights[i]!.Value * bases[i].Base!.Value).Sum();
            growth = weightedBaseSum == 0m ? null : (weightedSum / weightedBaseSum - 1m) * 100m;
        }
        List<ChildResult> results = !perChild ? [] : Children(children, bases, (_, _) => (null, null, null));
        return new RollupResult(Round(mean), TotalMethod.WeightedMean, Round(growth), growth is null ? GrowthBasis.Unavailable : basis, results)
        {
            Sums = new RolledUpSums(null, null, growth is null ? GrowthBasis.Unavailable : basis, weightSum, weightedSum, growth is null ? null : weightedBaseSum)
            {
                WeightPeriods = weightPeriods,
            },
        };
    }

    /// <summary>Why a rule gives no total when only children without a value of their own reported.</summary>
    private static TotalMethod NoTotalMethod(AggregationRule rule, bool hasWeightIndicator) => rule switch
    {
        AggregationRule.WeightedMean => TotalMethod.WeightMissing,
        AggregationRule.Rate when hasWeightIndicator => TotalMethod.WeightMissing,
        AggregationRule.Sum => TotalMethod.NoData,
        _ => TotalMethod.NotAggregated,
    };

    private static RollupResult PerChildOnly(List<ChildInput> children, List<GrowthBase> bases, TotalMethod method, bool perChild) =>
        new(null, method, null, GrowthBasis.Unavailable, !perChild ? [] : Children(children, bases, (_, _) => (null, null, null)));

    private static List<ChildResult> Children(
        List<ChildInput> children,
        List<GrowthBase> bases,
        Func<ChildInput, GrowthBase, (decimal? Share, decimal? Pull, decimal? Contribution)> measures)
    {
        var values = new decimal?[children.Count];
        var growths = new decimal?[children.Count];
        for (var i = 0; i < children.Count; i++)
        {
            (values[i], growths[i]) = (children[i].Value, bases[i].GrowthPct);
        }
        var valueRanks = Ranking.Descending(values);
        var growthRanks = Ranking.Descending(growths);
        var results = new List<ChildResult>(children.Count);
        for (var i = 0; i < children.Count; i++)
        {
            var child = children[i];
            var (share, pull, contribution) = measures(child, bases[i]);
            results.Add(new ChildResult(child.OrgUnit, child.Value, Round(bases[i].GrowthPct), bases[i].Basis,
                Round(share), Round(pull), Round(contribution), valueRanks[i], growthRanks[i]) { WeightPeriods = WeightPeriodsOf(child) });
        }
        return results;
    }

    /// <summary>The weight-period slots behind a child's weight: its own roll-up's, or the one slot of a leaf's weight figure.</summary>
    private static int WeightPeriodsOf(ChildInput child) =>
        child.Sums is { } sums ? sums.WeightPeriods : child.Weight is null ? 0 : 1 << child.WeightSlot;

    private static GrowthBasis CombinedBasis(List<GrowthBase> bases)
    {
        var combined = bases[0].Basis;
        foreach (var b in bases)
        {
            if (b.Basis == GrowthBasis.Unavailable)
            {
                return GrowthBasis.Unavailable;
            }
            if (b.Basis != combined)
            {
                combined = GrowthBasis.Mixed;
            }
        }
        return combined;
    }

    private static decimal? Round(decimal? value) => value is { } v ? DecimalText.RoundComputed(v) : null;
}
