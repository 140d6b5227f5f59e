using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Periods;
using static IndicatorExchange.Domain.Targets.RuleText;

namespace IndicatorExchange.Domain.Targets;

/// <summary>Judges a unit's figure for a period against its annual target (domain.md §6).</summary>
public static class TargetProgressCalculator
{
    /// <summary>Growth at least this many points above the target before year end is <see cref="ProgressStatus.Ahead"/>.</summary>
    public const decimal GrowthAheadPoints = 1m;

    /// <summary>
    /// Evaluates a figure against an annual target. <paramref name="value"/> is in the indicator's canonical
    /// unit (the year-to-date value for a cumulative indicator); <paramref name="growthPct"/> is the
    /// year-on-year growth in percent. Rules:
    /// <list type="bullet">
    /// <item>No value (for growth targets, no growth) → NotReported.</item>
    /// <item>Milestone for a period: annual → 100; quarterly Qn → Milestones[n-1], or 25n without milestones;
    /// monthly Mn → linear interpolation inside the quarter between the previous quarter's milestone (0 before
    /// Q1) and this quarter's (n/12 × 100 without milestones).</item>
    /// <item>ValueAtLeast, YearToDate or Period indicator: completion = value / threshold × 100; Achieved when
    /// completion ≥ 100; Ahead when completion ≥ milestone + 5 points; OnTrack when completion ≥ milestone;
    /// otherwise Behind. A Period-accumulation value is the period's own value, compared as if it were
    /// cumulative. With a threshold that is not positive there is no completion: Achieved when value ≥
    /// threshold, otherwise Behind.</item>
    /// <item>ValueAtLeast, Stock indicator (livestock on hand): no time milestone (MilestonePct = 100);
    /// Achieved when value ≥ threshold, otherwise Behind.</item>
    /// <item>ValueAtMost (a ceiling on a cumulative value): the allowance so far is threshold × milestone / 100;
    /// Margin = allowance − value; OnTrack when value ≤ allowance (Achieved instead at year end: annual, Q4,
    /// M12), otherwise Behind. A Period-accumulation value is compared as if it were cumulative. Stock: the
    /// ceiling is compared directly (MilestonePct = 100, Margin = threshold − value), with the same statuses.</item>
    /// <item>GrowthAtLeast: GapPoints = growth − threshold; at year end Achieved when gap ≥ 0, otherwise Behind;
    /// before year end Ahead when gap ≥ 1, OnTrack when 0 ≤ gap &lt; 1, Behind when gap &lt; 0.</item>
    /// <item>RateAtLeast / RateAtMost: GapPoints = value − threshold; Margin = threshold − value for RateAtMost,
    /// value − threshold for RateAtLeast; within the bound (Margin ≥ 0) → OnTrack (Achieved at year end);
    /// outside → Behind.</item>
    /// <item>Measures are rounded with DecimalText.RoundComputed (10 places), and statuses are decided on the
    /// rounded measures. Milestones are read, and validated, only for cumulative value targets.</item>
    /// </list>
    /// </summary>
    /// <exception cref="ArgumentException">The target's milestones are invalid (see <see cref="Milestones.Validate"/>).</exception>
    public static TargetProgress Evaluate(AnnualTarget target, Period period, Accumulation accumulation, decimal? value, decimal? growthPct)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Kind switch
        {
            TargetKind.GrowthAtLeast => Growth(target, period, growthPct),
            TargetKind.ValueAtLeast => ValueTargetRules.Floor(target, period, accumulation, value),
            TargetKind.ValueAtMost => ValueTargetRules.Ceiling(target, period, accumulation, value),
            TargetKind.RateAtLeast or TargetKind.RateAtMost => Rate(target, period, value),
            _ => throw new ArgumentOutOfRangeException(nameof(target), target.Kind, "Unknown target kind."),
        };
    }

    /// <summary>Whether a period closes its year: the annual period, Q4 or M12.</summary>
    public static bool EndsYear(Period period) => period.Kind == PeriodKind.Annual || period.IsYearEnd;

    internal static TargetProgress NotReported(AnnualTarget target, Period period, string what, decimal? milestone = null) =>
        new(target, ProgressStatus.NotReported, null, milestone, null, null, $"no {what} reported for {period}");

    private static TargetProgress Growth(AnnualTarget target, Period period, decimal? growthPct)
    {
        if (growthPct is not { } g)
        {
            return NotReported(target, period, "growth");
        }
        var t = target.Threshold;
        var gap = DecimalText.RoundComputed(g - t);
        var subject = $"growth {Exact(g)}%";
        var goal = $"the {Exact(t)}% target";
        var (status, rule) = (EndsYear(period), gap) switch
        {
            (true, >= 0m) => (ProgressStatus.Achieved, $"{subject} meets {goal} at year end (gap {Pct(gap)} points)"),
            (true, _) => (ProgressStatus.Behind, $"{subject} is {Pct(-gap)} points below {goal} at year end"),
            (false, >= GrowthAheadPoints) => (ProgressStatus.Ahead, $"{subject} is {Pct(gap)} points above {goal}, at least {Exact(GrowthAheadPoints)} point"),
            (false, >= 0m) => (ProgressStatus.OnTrack, $"{subject} meets {goal} with a gap of {Pct(gap)} points, under {Exact(GrowthAheadPoints)} point"),
            _ => (ProgressStatus.Behind, $"{subject} is {Pct(-gap)} points below {goal}"),
        };
        return new TargetProgress(target, status, null, null, gap, null, rule);
    }

    private static TargetProgress Rate(AnnualTarget target, Period period, decimal? value)
    {
        if (value is not { } v)
        {
            return NotReported(target, period, "value");
        }
        var t = target.Threshold;
        var gap = DecimalText.RoundComputed(v - t);
        var ceiling = target.Kind == TargetKind.RateAtMost;
        var margin = ceiling ? DecimalText.RoundComputed(t - v) : gap;
        var within = margin >= 0m;
        var status = !within ? ProgressStatus.Behind
            : EndsYear(period) ? ProgressStatus.Achieved
            : ProgressStatus.OnTrack;
        var verb = (ceiling, within) switch
        {
            (true, true) => "is within",
            (true, false) => "exceeds",
            (false, true) => "meets",
            (false, false) => "is below",
        };
        var rule = $"rate {Exact(v)}% {verb} the {Exact(t)}% {(ceiling ? "ceiling" : "floor")}{YearEndSuffix(period)}";
        return new TargetProgress(target, status, null, null, gap, margin, rule);
    }
}
