using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Domain.Rollup;

/// <summary>Which figure: a leaf's report of one indicator for one period.</summary>
public readonly record struct FigureKey(string OrgUnit, Period Period, string Indicator);

/// <summary>Which value: a node's (a leaf's figure or an inner node's roll-up) of one indicator for one period.</summary>
public readonly record struct NodeKey(string OrgUnit, Period Period, string Indicator);

/// <summary>One period and indicator: what a recomputation evaluates nationwide at a time.</summary>
public readonly record struct PeriodIndicator(Period Period, string Indicator);
