using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Domain.Rollup;

/// <summary>
/// What evaluating weighted means reads beside their own periods: the weight indicators' figures of the periods a
/// missing weight falls back to (<see cref="WeightPeriods"/>).
/// </summary>
public static class WeightFallback
{
    /// <summary>The weight indicators of those of these codes that have one the catalog knows.</summary>
    public static HashSet<string> WeightIndicators(IReadOnlyDictionary<string, IndicatorDefinition> catalog, IEnumerable<string> codes)
    {
        var weights = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            if (catalog.TryGetValue(code, out var indicator) && indicator.WeightIndicator is { } w && catalog.ContainsKey(w))
            {
                weights.Add(w);
            }
        }
        return weights;
    }

    /// <summary>The periods a weight of these periods may fall back to, other than the periods themselves.</summary>
    public static HashSet<Period> FallbackPeriods(IEnumerable<Period> periods)
    {
        var fallbacks = new HashSet<Period>();
        foreach (var period in periods)
        {
            var candidates = WeightPeriods.Candidates(period);
            for (var slot = 1; slot < candidates.Length; slot++)
            {
                if (candidates[slot] is { } candidate)
                {
                    fallbacks.Add(candidate);
                }
            }
        }
        return fallbacks;
    }
}
