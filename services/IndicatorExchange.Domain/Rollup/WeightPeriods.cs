using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Domain.Rollup;

/// <summary>
/// Which period's weight figure (a population: an end-of-period stock) a weighted mean of a period uses for one child.
/// The period's own figure when the child reported one; otherwise the year-end figure of the same year (annual, else
/// Q4), else the year-end figure of the year before. Never a plain mean: without any of them the weight is missing.
/// The candidates are numbered by slot, the same for every period, so that the slots a roll-up used are a small mask
/// carried up the tree and stored with a node's value.
/// </summary>
public static class WeightPeriods
{
    /// <summary>The number of slots: own period, annual, Q4, prior year's annual, prior year's Q4.</summary>
    public const int SlotCount = 5;

    /// <summary>
    /// The candidate periods in order of preference, by slot: [0] the period itself, [1] the annual period of its year,
    /// [2] its year's Q4, [3] the prior year's annual period, [4] the prior year's Q4. A slot that repeats an earlier one
    /// (an annual period's own slot 1, a Q4's own slot 2) is null.
    /// </summary>
    public static Period?[] Candidates(Period period)
    {
        var candidates = new Period?[SlotCount];
        candidates[0] = period;
        if (period.Year > Period.MinYear)
        {
            candidates[3] = Annual(period.Year - 1);
            candidates[4] = Q4(period.Year - 1);
        }
        candidates[1] = Annual(period.Year) is var annual && annual != period ? annual : null;
        candidates[2] = Q4(period.Year) is var q4 && q4 != period ? q4 : null;
        return candidates;
    }

    /// <summary>
    /// The periods whose weights may come from a figure of <paramref name="weightPeriod"/>, itself included: for a year-end
    /// figure (annual or Q4) every period of its year and of the next; for any other, only itself.
    /// </summary>
    public static IEnumerable<Period> Dependents(Period weightPeriod)
    {
        if (weightPeriod.Kind != PeriodKind.Annual && !(weightPeriod.Kind == PeriodKind.Quarterly && weightPeriod.Number == 4))
        {
            yield return weightPeriod;
            yield break;
        }
        for (var year = weightPeriod.Year; year <= Math.Min(weightPeriod.Year + 1, Period.MaxYear); year++)
        {
            yield return Annual(year);
            for (var quarter = 1; quarter <= 4; quarter++)
            {
                yield return new Period(year, PeriodKind.Quarterly, quarter);
            }
            for (var month = 1; month <= 12; month++)
            {
                yield return new Period(year, PeriodKind.Monthly, month);
            }
        }
    }

    /// <summary>The periods of the slots set in <paramref name="mask"/>, in slot order (preference first).</summary>
    public static IReadOnlyList<Period> OfMask(Period period, int mask)
    {
        if (mask == 0)
        {
            return [];
        }
        var candidates = Candidates(period);
        var periods = new List<Period>(SlotCount);
        for (var slot = 0; slot < SlotCount; slot++)
        {
            if ((mask & (1 << slot)) != 0 && candidates[slot] is { } candidate)
            {
                periods.Add(candidate);
            }
        }
        return periods;
    }

    private static Period Annual(int year) => new(year, PeriodKind.Annual, 0);

    private static Period Q4(int year) => new(year, PeriodKind.Quarterly, 4);
}
