using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>Which summary: one org unit's rows of one period (what a commit touches, a watcher waits for, a cache keeps).</summary>
internal readonly record struct SummaryKey(string OrgUnit, Period Period);
