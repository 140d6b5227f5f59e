namespace IndicatorExchange.Domain.Rollup;

/// <summary>A child's prior-year base and growth, as domain.md §5 defines them.</summary>
public readonly record struct GrowthBase(decimal? Base, decimal? GrowthPct, GrowthBasis Basis, decimal? Increase)
{
    /// <summary>
    /// The base is the prior-year figure of the same period when it was reported, otherwise
    /// value / (1 + g). The growth is the reported one when given (real growth cannot be derived
    /// from nominal values), otherwise derived from the prior-year figure.
    /// </summary>
    /// <remarks>
    /// A child that is itself a roll-up brings its exact Σ base and Σ increase (<see cref="ChildInput.Sums"/>), so
    /// a region's growth weights every county by its own base, however the tree groups them.
    /// The increase is base × g: value − base when the base was derived from g.
    /// </remarks>
    public static GrowthBase Of(ChildInput child)
    {
        if (child.Sums is { } sums)
        {
            if (sums is { BaseSum: { } baseSum, IncreaseSum: { } increase } && baseSum != 0m)
            {
                return new GrowthBase(baseSum, increase / baseSum * 100m, sums.Basis, increase);
            }
            if (sums is { WeightSum: { } weightSum, WeightedSum: { } weightedSum, WeightedBaseSum: { } weightedBase } && weightedBase != 0m)
            {
                // A weighted mean: its base is the prior-year mean Σ w·base / Σ w.
                var priorMean = weightedBase / weightSum;
                var meanGrowth = (weightedSum / weightedBase - 1m) * 100m;
                return new GrowthBase(priorMean, meanGrowth, sums.Basis, priorMean * meanGrowth / 100m);
            }
            return new GrowthBase(null, null, GrowthBasis.Unavailable, null);
        }
        if (child.PriorYearValue is { } prior && prior != 0m)
        {
            var growth = child.GrowthPct ?? (child.Value / prior - 1m) * 100m;
            return new GrowthBase(prior, growth, GrowthBasis.PriorYearValue, prior * growth / 100m);
        }
        if (child.GrowthPct is { } g && g != -100m)
        {
            var baseValue = child.Value / (1m + g / 100m);
            return new GrowthBase(baseValue, g, GrowthBasis.ReportedGrowth, baseValue * g / 100m);
        }
        return new GrowthBase(null, null, GrowthBasis.Unavailable, null);
    }
}
