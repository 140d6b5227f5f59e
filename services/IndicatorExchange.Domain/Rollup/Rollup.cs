using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;

namespace IndicatorExchange.Domain.Rollup;

/// <summary>
/// Rolls one indicator up over the children of an org unit, by the catalog's rule (domain.md §4, §5).
/// All arithmetic is decimal; computed ratios keep 10 decimal places.
/// </summary>
public static class RollupCalculator
{
    public static RollupResult Compute(AggregationRule rule, bool hasWeightIndicator, IReadOnlyList<ChildInput> children)
    {
        var ordered = children.OrderByDescending(c => c.Value).ThenBy(c => c.OrgUnit, StringComparer.Ordinal).ToList();
        var bases = ordered.Select(GrowthBase.Of).ToList();
        if (ordered.Count == 0)
        {
            return new RollupResult(null, TotalMethod.NoData, null, GrowthBasis.Unavailable, []);
        }
        return rule switch
        {
            AggregationRule.Sum => Sum(ordered, bases),
            AggregationRule.WeightedMean or AggregationRule.Rate when hasWeightIndicator => WeightedMean(ordered, bases),
            AggregationRule.WeightedMean => PerChildOnly(ordered, bases, TotalMethod.WeightMissing),
            _ => PerChildOnly(ordered, bases, TotalMethod.NotAggregated),
        };
    }

    private static RollupResult Sum(List<ChildInput> children, List<GrowthBase> bases)
    {
        var total = children.Sum(c => c.Value);
        var basis = CombinedBasis(bases);
        decimal? growth = null;
        decimal? baseSum = null;
        decimal? increaseSum = null;
        if (basis != GrowthBasis.Unavailable)
        {
            baseSum = bases.Sum(b => b.Base!.Value);
            increaseSum = bases.Sum(b => b.Increase!.Value);
            // G = Σ base_i (1 + g_i) / Σ base_i − 1 = Σ base_i g_i / Σ base_i
            growth = baseSum == 0m ? null : increaseSum / baseSum * 100m;
        }
        var results = Children(children, bases, (child, b) => (
            Share: total == 0m ? null : child.Value / total * 100m,
            Pull: growth is null ? null : b.Increase / baseSum * 100m,
            Contribution: growth is null || increaseSum == 0m ? null : b.Increase / increaseSum * 100m));
        return new RollupResult(total, TotalMethod.Sum, Round(growth), growth is null ? GrowthBasis.Unavailable : basis, results)
        {
            Sums = new RolledUpSums(baseSum, increaseSum, growth is null ? GrowthBasis.Unavailable : basis, null, null, null),
        };
    }

    private static RollupResult WeightedMean(List<ChildInput> children, List<GrowthBase> bases)
    {
        // A child that is itself a weighted mean brings Σ w and Σ v·w of its own leaves: exact at every level.
        var weights = children.Select(c => c.Sums?.WeightSum ?? c.Weight).ToList();
        if (weights.Any(w => w is null or <= 0m))
        {
            return PerChildOnly(children, bases, TotalMethod.WeightMissing);
        }
        var weightSum = weights.Sum(w => w!.Value);
        var weightedSum = children.Select((c, i) => c.Sums?.WeightedSum ?? c.Value * weights[i]!.Value).Sum();
        var mean = weightedSum / weightSum;
        var basis = CombinedBasis(bases);
        decimal? growth = null;
        decimal? weightedBaseSum = null;
        if (basis != GrowthBasis.Unavailable)
        {
            // The prior-year mean with the same weights: Σ w_i base_i / Σ w_i.
            weightedBaseSum = children.Select((c, i) => c.Sums?.WeightedBaseSum ?? weights[i]!.Value * bases[i].Base!.Value).Sum();
            growth = weightedBaseSum == 0m ? null : (weightedSum / weightedBaseSum - 1m) * 100m;
        }
        var results = Children(children, bases, (_, _) => (null, null, null));
        return new RollupResult(Round(mean), TotalMethod.WeightedMean, Round(growth), growth is null ? GrowthBasis.Unavailable : basis, results)
        {
            Sums = new RolledUpSums(null, null, growth is null ? GrowthBasis.Unavailable : basis, weightSum, weightedSum, growth is null ? null : weightedBaseSum),
        };
    }

    private static RollupResult PerChildOnly(List<ChildInput> children, List<GrowthBase> bases, TotalMethod method) =>
        new(null, method, null, GrowthBasis.Unavailable, Children(children, bases, (_, _) => (null, null, null)));

    private static List<ChildResult> Children(
        List<ChildInput> children,
        List<GrowthBase> bases,
        Func<ChildInput, GrowthBase, (decimal? Share, decimal? Pull, decimal? Contribution)> measures)
    {
        var valueRanks = Ranking.Descending(children.Select(c => (decimal?)c.Value).ToList());
        var growthRanks = Ranking.Descending(bases.Select(b => b.GrowthPct).ToList());
        return children.Select((child, i) =>
        {
            var (share, pull, contribution) = measures(child, bases[i]);
            return new ChildResult(child.OrgUnit, child.Value, Round(bases[i].GrowthPct), bases[i].Basis,
                Round(share), Round(pull), Round(contribution), valueRanks[i], growthRanks[i]);
        }).ToList();
    }

    private static GrowthBasis CombinedBasis(List<GrowthBase> bases)
    {
        if (bases.Any(b => b.Basis == GrowthBasis.Unavailable))
        {
            return GrowthBasis.Unavailable;
        }
        var distinct = bases.Select(b => b.Basis).Distinct().ToList();
        return distinct.Count == 1 ? distinct[0] : GrowthBasis.Mixed;
    }

    private static decimal? Round(decimal? value) => value is { } v ? DecimalText.RoundComputed(v) : null;
}
