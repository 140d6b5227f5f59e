namespace IndicatorExchange.Domain.Targets;

/// <summary>
/// An annual target of one unit for one indicator.
/// <paramref name="Threshold"/> is in percent for growth and rate kinds, otherwise in the indicator's
/// canonical unit. <paramref name="Milestones"/> are exactly 4 cumulative percentages of the annual value
/// expected by the end of Q1..Q4 (e.g. 20, 45, 70, 100); null means linear 25, 50, 75, 100
/// (时间过半、任务过半). They matter only for cumulative value kinds; see <see cref="Targets.Milestones.Validate"/>.
/// Equality compares the milestone list by reference.
/// </summary>
public sealed record AnnualTarget(TargetKind Kind, decimal Threshold, IReadOnlyList<decimal>? Milestones = null)
{
    /// <summary>Whether the threshold is a growth rate in percent.</summary>
    public bool IsGrowth => Kind is TargetKind.GrowthAtLeast;

    /// <summary>Whether the threshold is a rate in percent compared directly with the value.</summary>
    public bool IsRate => Kind is TargetKind.RateAtLeast or TargetKind.RateAtMost;

    /// <summary>Whether the threshold is a value in the indicator's canonical unit.</summary>
    public bool IsValue => Kind is TargetKind.ValueAtLeast or TargetKind.ValueAtMost;
}
