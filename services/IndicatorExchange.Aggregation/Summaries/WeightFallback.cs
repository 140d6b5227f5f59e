using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>
/// What evaluating weighted means reads beside their own periods: the weight indicators' figures of the periods a
/// missing weight falls back to (<see cref="WeightPeriods"/>).
/// </summary>
public static class WeightFallback
{
    /// <summary>The weight indicators of those of these codes that have one the catalog knows.</summary>
    public static HashSet<string> WeightIndicators(CatalogSnapshot catalog, IEnumerable<string> codes)
    {
        var weights = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            if (catalog.IndicatorsByCode.TryGetValue(code, out var indicator) && indicator.WeightIndicator is { } w
                && catalog.IndicatorsByCode.ContainsKey(w))
            {
                weights.Add(w);
            }
        }
        return weights;
    }

    /// <summary>The periods a weight of these periods may fall back to, other than the periods themselves.</summary>
    public static HashSet<string> FallbackPeriods(IEnumerable<Period> periods)
    {
        var fallbacks = new HashSet<string>(StringComparer.Ordinal);
        foreach (var period in periods)
        {
            var candidates = WeightPeriods.Candidates(period);
            for (var slot = 1; slot < candidates.Length; slot++)
            {
                if (candidates[slot] is { } candidate)
                {
                    fallbacks.Add(candidate.ToString());
                }
            }
        }
        return fallbacks;
    }
}
