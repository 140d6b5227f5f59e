using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Domain.Targets;

/// <summary>
/// Quarterly milestones of an annual value target: the cumulative percentage of the annual value expected
/// by the end of Q1..Q4 (时间过半、任务过半 when linear).
/// </summary>
public static class Milestones
{
    /// <summary>How many milestones a target has: one per quarter.</summary>
    public const int Count = 4;

    /// <summary>The milestones used when a target gives none: 25, 50, 75, 100.</summary>
    public static readonly IReadOnlyList<decimal> Linear = [25m, 50m, 75m, 100m];

    /// <summary>
    /// The problems with a list of milestones, empty when it is valid: exactly 4 values, each from 0 to 100,
    /// not decreasing from one quarter to the next, and the last one 100.
    /// </summary>
    public static IReadOnlyList<string> Validate(IReadOnlyList<decimal> milestones)
    {
        ArgumentNullException.ThrowIfNull(milestones);
        var problems = new List<string>();
        if (milestones.Count != Count)
        {
            problems.Add($"expected {Count} milestones (Q1..Q4), got {milestones.Count}");
        }
        for (var i = 0; i < milestones.Count; i++)
        {
            if (milestones[i] is < 0m or > 100m)
            {
                problems.Add($"milestone {Label(i)} is {DecimalText.Format(milestones[i])}, outside 0..100");
            }
            if (i > 0 && milestones[i] < milestones[i - 1])
            {
                problems.Add($"milestone {Label(i)} ({DecimalText.Format(milestones[i])}) is below {Label(i - 1)} "
                    + $"({DecimalText.Format(milestones[i - 1])}): milestones are cumulative and must not decrease");
            }
        }
        if (milestones.Count == Count && milestones[Count - 1] != 100m)
        {
            problems.Add($"the Q4 milestone must be 100, got {DecimalText.Format(milestones[Count - 1])}");
        }
        return problems;
    }

    /// <summary>
    /// The cumulative percentage of the annual value expected by the end of a period: annual → 100;
    /// quarterly Qn → milestones[n-1] (25n without milestones); monthly Mn → linear interpolation inside the
    /// quarter between the previous quarter's milestone (0 before Q1) and this quarter's (n/12 × 100 without
    /// milestones). Rounded to 10 places.
    /// </summary>
    /// <exception cref="ArgumentException">The milestones are not valid (<see cref="Validate"/>).</exception>
    public static decimal ForPeriod(IReadOnlyList<decimal>? milestones, Period period)
    {
        var quarters = milestones ?? Linear;
        var problems = Validate(quarters);
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid milestones: " + string.Join("; ", problems) + ".", nameof(milestones));
        }
        return period.Kind switch
        {
            PeriodKind.Annual => 100m,
            PeriodKind.Quarterly => quarters[period.Number - 1],
            _ => DecimalText.RoundComputed(Monthly(quarters, period.Number)),
        };
    }

    private static decimal Monthly(IReadOnlyList<decimal> quarters, int month)
    {
        var quarter = (month + 2) / 3;
        var previous = quarter == 1 ? 0m : quarters[quarter - 2];
        var monthsIntoQuarter = month - (quarter - 1) * 3;
        return previous + (quarters[quarter - 1] - previous) * monthsIntoQuarter / 3m;
    }

    private static string Label(int index) => $"Q{index + 1}";
}
