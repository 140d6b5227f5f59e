namespace IndicatorExchange.Domain.Targets;

/// <summary>How a unit stands against an annual target in a period.</summary>
public enum ProgressStatus
{
    /// <summary>Nothing to judge: no value (for growth targets, no growth) for the period.</summary>
    NotReported,
    /// <summary>Below the milestone, below the floor or beyond the ceiling.</summary>
    Behind,
    /// <summary>At or above the milestone, or within the bound, before year end.</summary>
    OnTrack,
    /// <summary>Clearly ahead before year end: completion ≥ milestone + 5 points, or growth ≥ target + 1 point.</summary>
    Ahead,
    /// <summary>The annual target is met: completion ≥ 100%, a stock at or above its floor, or a bound held at year end.</summary>
    Achieved,
}
