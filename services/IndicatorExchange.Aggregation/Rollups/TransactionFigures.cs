using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>
/// The leaf figures one rollup transaction evaluates: read up front for the leaves it knows it needs, and, should
/// the evaluation meet a leaf outside them (a node whose value was not cached), for that period and indicator
/// everywhere, once.
/// </summary>
internal sealed class TransactionFigures(IRollupSession session) : IFigureLookup
{
    private readonly Dictionary<FigureKey, LeafFigure> _figures = [];
    private readonly HashSet<PeriodIndicator> _everywhere = [];
    private readonly HashSet<PeriodIndicator> _ofLeaves = [];
    private readonly HashSet<string> _leaves = new(StringComparer.Ordinal);

    /// <summary>Reads the figures of these periods and indicators everywhere.</summary>
    public void LoadEverywhere(IReadOnlyCollection<Period> periods, IReadOnlyCollection<string> indicators)
    {
        var pending = Pairs(periods, indicators).Where(p => !_everywhere.Contains(p)).ToList();
        if (pending.Count == 0)
        {
            return;
        }
        Add(session.Read(pending.Select(p => p.Period).ToHashSet(), pending.Select(p => p.Indicator).ToHashSet()));
        _everywhere.UnionWith(pending);
    }

    /// <summary>
    /// Reads the figures of these leaves for these periods and indicators, and for the weight indicators' fallback periods
    /// (once per transaction).
    /// </summary>
    public void LoadLeaves(IReadOnlyCollection<string> leaves, IReadOnlyCollection<Period> periods, IReadOnlyCollection<string> indicators,
        IReadOnlyCollection<Period> weightPeriods, IReadOnlyCollection<string> weightIndicators)
    {
        if (_leaves.Count > 0)
        {
            throw new InvalidOperationException("The leaves of a transaction are read once.");
        }
        if (leaves.Count == 0)
        {
            return;
        }
        Add(session.Read(periods, indicators, leaves));
        _leaves.UnionWith(leaves);
        _ofLeaves.UnionWith(Pairs(periods, indicators));
        if (weightPeriods.Count > 0 && weightIndicators.Count > 0)
        {
            Add(session.Read(weightPeriods, weightIndicators, leaves));
            _ofLeaves.UnionWith(Pairs(weightPeriods, weightIndicators));
        }
    }

    public LeafFigure? Find(FigureKey key)
    {
        var pair = new PeriodIndicator(key.Period, key.Indicator);
        if (!_everywhere.Contains(pair) && !(_ofLeaves.Contains(pair) && _leaves.Contains(key.OrgUnit)))
        {
            LoadEverywhere([key.Period], [key.Indicator]);
        }
        return _figures.TryGetValue(key, out var figure) ? figure : null;
    }

    private void Add(IReadOnlyList<FigureRow> rows)
    {
        foreach (var row in rows)
        {
            if (row.TryGetKey(out var key))
            {
                _figures[key] = row.ToLeaf();
            }
        }
    }

    private static IEnumerable<PeriodIndicator> Pairs(IReadOnlyCollection<Period> periods, IReadOnlyCollection<string> indicators) =>
        periods.SelectMany(p => indicators.Select(i => new PeriodIndicator(p, i)));
}
