namespace IndicatorExchange.Domain.Rollup;

/// <summary>
/// Evaluated values of the tree's inner nodes, kept from one evaluator to the next by whoever knows when they go
/// stale (the rollup engine removes the keys a change touches). Leaves are not kept: their figures are read anew.
/// Grouped by period and indicator, so that a whole pair's values can be let go at once. Not thread-safe.
/// </summary>
public sealed class NodeValueCache
{
    private readonly Dictionary<PeriodIndicator, Dictionary<string, (NodeValue? Value, bool Reported)>> _byPair = [];

    /// <summary>How many values are kept.</summary>
    public int Count { get; private set; }

    public bool TryGet(NodeKey key, out (NodeValue? Value, bool Reported) value)
    {
        if (_byPair.TryGetValue(new PeriodIndicator(key.Period, key.Indicator), out var values))
        {
            return values.TryGetValue(key.OrgUnit, out value);
        }
        value = default;
        return false;
    }

    public void Set(NodeKey key, (NodeValue? Value, bool Reported) value)
    {
        var pair = new PeriodIndicator(key.Period, key.Indicator);
        if (!_byPair.TryGetValue(pair, out var values))
        {
            values = new Dictionary<string, (NodeValue?, bool)>(StringComparer.Ordinal);
            _byPair[pair] = values;
        }
        var count = values.Count;
        values[key.OrgUnit] = value;
        Count += values.Count - count;
    }

    public void Remove(NodeKey key)
    {
        if (_byPair.TryGetValue(new PeriodIndicator(key.Period, key.Indicator), out var values) && values.Remove(key.OrgUnit))
        {
            Count--;
        }
    }

    /// <summary>Lets go of every value of one period and indicator.</summary>
    public void RemovePair(PeriodIndicator pair)
    {
        if (_byPair.Remove(pair, out var values))
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
