using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Domain.Rollup;

/// <summary>
/// Derives values for the period alone from year-to-date ones: Q3 alone = Q3 − Q2 (Q1, M01 and annual values
/// are their own; M02 too when January and February are published together). Stocks and period indicators
/// are left as reported. Reported growth is year to date, so derived values (other than the first period of
/// the year, which is its own) carry none: their growth comes from the prior year's derived values.
/// </summary>
public static class PeriodOnlyValues
{
    /// <summary>The periods whose year-to-date values are needed to derive <paramref name="period"/> alone.</summary>
    public static IEnumerable<Period> Inputs(Period period)
    {
        yield return period;
        if (period.PreviousInYear() is { } previous)
        {
            yield return previous;
        }
    }

    public static FigureIndex Derive(FigureIndex yearToDate, IReadOnlyDictionary<string, IndicatorDefinition> catalog, IEnumerable<Period> periods)
    {
        var derived = new List<KeyValuePair<FigureKey, LeafFigure>>();
        var wanted = periods.ToHashSet();
        foreach (var (key, figure) in yearToDate.All)
        {
            if (!wanted.Contains(key.Period) || !catalog.TryGetValue(key.Indicator, out var definition))
            {
                continue;
            }
            if (definition.Accumulation != Accumulation.YearToDate)
            {
                derived.Add(new(key, figure));
                continue;
            }
            if (key.Period.PreviousInYear(definition.JanFebCombined) is not { } previous)
            {
                derived.Add(new(key, figure)); // the first period of the year is its own
            }
            else if (yearToDate.Find(key with { Period = previous }) is { } before)
            {
                derived.Add(new(key, figure with { Value = figure.Value - before.Value, GrowthPct = null }));
            }
        }
        return new FigureIndex(derived);
    }
}
