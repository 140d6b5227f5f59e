namespace IndicatorExchange.Domain.Rollup;

/// <summary>A child's prior-year base and growth, as domain.md §5 defines them.</summary>
public readonly record struct GrowthBase(decimal? Base, decimal? GrowthPct, GrowthBasis Basis)
{
    /// <summary>
    /// The base is the prior-year figure of the same period when it was reported, otherwise
    /// value / (1 + g). The growth is the reported one when given (real growth cannot be derived
    /// from nominal values), otherwise derived from the prior-year figure.
    /// </summary>
    public static GrowthBase Of(ChildInput child)
    {
        if (child.PriorYearValue is { } prior && prior != 0m)
        {
            var growth = child.GrowthPct ?? (child.Value / prior - 1m) * 100m;
            return new GrowthBase(prior, growth, GrowthBasis.PriorYearValue);
        }
        if (child.GrowthPct is { } g && g != -100m)
        {
            return new GrowthBase(child.Value / (1m + g / 100m), g, GrowthBasis.ReportedGrowth);
        }
        return new GrowthBase(null, null, GrowthBasis.Unavailable);
    }

    /// <summary>The increase over the base at the growth rate: base × g. Equals value − base when the base was derived from g.</summary>
    public decimal? Increase => Base * GrowthPct / 100m;
}
