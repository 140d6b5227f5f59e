using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>
/// Evaluated values of the tree's inner nodes, kept from one evaluator to the next by whoever knows when they go
/// stale (the rollup engine removes the keys a change touches). Leaves are not kept: their figures are read anew.
/// Grouped by indicator and period, so that a whole pair's values can be let go at once. Not thread-safe.
/// </summary>
public sealed class NodeValueCache
{
    private readonly Dictionary<(string Indicator, Period Period), Dictionary<string, (NodeValue? Value, bool Reported)>> _byPair = [];

    /// <summary>How many values are kept.</summary>
    public int Count { get; private set; }

    internal bool TryGet((string OrgUnit, string Indicator, Period Period) key, out (NodeValue? Value, bool Reported) value)
    {
        if (_byPair.TryGetValue((key.Indicator, key.Period), out var values))
        {
            return values.TryGetValue(key.OrgUnit, out value);
        }
        value = default;
        return false;
    }

    internal void Set((string OrgUnit, string Indicator, Period Period) key, (NodeValue? Value, bool Reported) value)
    {
        if (!_byPair.TryGetValue((key.Indicator, key.Period), out var values))
        {
            values = new Dictionary<string, (NodeValue?, bool)>(StringComparer.Ordinal);
            _byPair[(key.Indicator, key.Period)] = values;
        }
        var count = values.Count;
        values[key.OrgUnit] = value;
        Count += values.Count - count;
    }

    public void Remove(string orgUnit, string indicator, Period period)
    {
        if (_byPair.TryGetValue((indicator, period), out var values) && values.Remove(orgUnit))
        {
            Count--;
        }
    }

    /// <summary>Lets go of every value of one indicator and period.</summary>
    public void RemovePair(string indicator, Period period)
    {
        if (_byPair.Remove((indicator, period), out var values))
        {
            Count -= values.Count;
        }
    }

    public void Clear()
    {
        _byPair.Clear();
        Count = 0;
    }
}
