using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Periods;
using static IndicatorExchange.Domain.Targets.RuleText;

namespace IndicatorExchange.Domain.Targets;

/// <summary>The rules for value floors and ceilings; documented on <see cref="TargetProgressCalculator.Evaluate"/>.</summary>
internal static class ValueTargetRules
{
    /// <summary>Completion ahead of the milestone by at least this many points is <see cref="ProgressStatus.Ahead"/>.</summary>
    public const decimal AheadPoints = 5m;

    public static TargetProgress Floor(AnnualTarget target, Period period, Accumulation accumulation, decimal? value)
    {
        var milestone = MilestoneFor(target, period, accumulation);
        if (value is not { } v)
        {
            return TargetProgressCalculator.NotReported(target, period, "value", milestone);
        }
        var t = target.Threshold;
        var completion = Completion(v, t);
        if (accumulation == Accumulation.Stock || completion is null)
        {
            var noun = accumulation == Accumulation.Stock ? "stock" : "value";
            var why = accumulation == Accumulation.Stock
                ? "a stock has no time milestone"
                : "the target is not positive, so there is no completion ratio";
            return v >= t
                ? Result(target, ProgressStatus.Achieved, completion, milestone, null, $"{noun} {Exact(v)} is at or above the target {Exact(t)} ({why})")
                : Result(target, ProgressStatus.Behind, completion, milestone, null, $"{noun} {Exact(v)} is below the target {Exact(t)} ({why})");
        }
        var c = completion.Value;
        var subject = $"completion {Pct(c)}%" + (accumulation == Accumulation.Period ? PeriodValueNote : "");
        var m = Pct(milestone);
        if (c >= 100m)
        {
            return Result(target, ProgressStatus.Achieved, c, milestone, null, $"{subject} reaches 100% of the annual target");
        }
        if (c >= milestone + AheadPoints)
        {
            return Result(target, ProgressStatus.Ahead, c, milestone, null, $"{subject} is at least {Exact(AheadPoints)} points above the {m}% milestone");
        }
        return c >= milestone
            ? Result(target, ProgressStatus.OnTrack, c, milestone, null, $"{subject} is at or above the {m}% milestone")
            : Result(target, ProgressStatus.Behind, c, milestone, null, $"{subject} is below the {m}% milestone");
    }

    public static TargetProgress Ceiling(AnnualTarget target, Period period, Accumulation accumulation, decimal? value)
    {
        var milestone = MilestoneFor(target, period, accumulation);
        if (value is not { } v)
        {
            return TargetProgressCalculator.NotReported(target, period, "value", milestone);
        }
        var t = target.Threshold;
        var allowance = DecimalText.RoundComputed(t * milestone / 100m);
        var margin = DecimalText.RoundComputed(allowance - v);
        var within = margin >= 0m;
        var status = !within ? ProgressStatus.Behind
            : TargetProgressCalculator.EndsYear(period) ? ProgressStatus.Achieved
            : ProgressStatus.OnTrack;
        var verb = within ? "is within" : "exceeds";
        string rule;
        if (accumulation == Accumulation.Stock)
        {
            rule = $"stock {Exact(v)} {verb} the ceiling {Exact(t)}{YearEndSuffix(period)}";
        }
        else
        {
            var subject = $"value {Exact(v)}" + (accumulation == Accumulation.Period ? PeriodValueNote : "");
            rule = milestone == 100m
                ? $"{subject} {verb} the ceiling {Exact(t)}{YearEndSuffix(period)}"
                : $"{subject} {verb} the allowance {Amount(allowance)} ({Pct(milestone)}% of the ceiling {Exact(t)})";
        }
        return Result(target, status, Completion(v, t), milestone, margin, rule);
    }

    /// <summary>100 for a stock (no time milestone), otherwise the target's milestone for the period.</summary>
    private static decimal MilestoneFor(AnnualTarget target, Period period, Accumulation accumulation) =>
        accumulation switch
        {
            Accumulation.Stock => 100m,
            Accumulation.YearToDate or Accumulation.Period => Milestones.ForPeriod(target.Milestones, period),
            _ => throw new ArgumentOutOfRangeException(nameof(accumulation), accumulation, "Unknown accumulation."),
        };

    /// <summary>Value / threshold × 100, or null when the threshold is not positive.</summary>
    private static decimal? Completion(decimal value, decimal threshold) =>
        threshold > 0m ? DecimalText.RoundComputed(value / threshold * 100m) : null;

    private static TargetProgress Result(
        AnnualTarget target, ProgressStatus status, decimal? completion, decimal milestone, decimal? margin, string rule) =>
        new(target, status, completion, milestone, GapPoints: null, margin, rule);
}
