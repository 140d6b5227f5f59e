using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>
/// Evaluated values of the tree's inner nodes, kept from one evaluator to the next by whoever knows when they go
/// stale (the rollup engine removes the keys a change touches). Leaves are not kept: their figures are read anew.
/// Not thread-safe.
/// </summary>
public sealed class NodeValueCache
{
    private readonly Dictionary<(string OrgUnit, string Indicator, Period Period), (NodeValue? Value, bool Reported)> _values = [];

    internal bool TryGet((string OrgUnit, string Indicator, Period Period) key, out (NodeValue? Value, bool Reported) value) =>
        _values.TryGetValue(key, out value);

    internal void Set((string OrgUnit, string Indicator, Period Period) key, (NodeValue? Value, bool Reported) value) => _values[key] = value;

    public void Remove(string orgUnit, string indicator, Period period) => _values.Remove((orgUnit, indicator, period));

    public void Clear() => _values.Clear();
}
