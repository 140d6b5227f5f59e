using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>
/// The figures a recomputation evaluates one period and indicator with: that pair's, the prior year's and the weight
/// indicator's, each by leaf. A figure of any other period or indicator is absent, as nothing in the pair asks for one.
/// </summary>
internal sealed class PairFigures : IFigureLookup
{
    private readonly Dictionary<PeriodIndicator, Dictionary<string, LeafFigure>> _byPair = [];

    /// <summary>Indexes the stored leaves by org unit (on the evaluating thread, not the one reading the session).</summary>
    public PairFigures(IEnumerable<(PeriodIndicator Pair, IReadOnlyList<StoredLeaf> Leaves)> pairs)
    {
        foreach (var (pair, leaves) in pairs)
        {
            var byLeaf = new Dictionary<string, LeafFigure>(leaves.Count, StringComparer.Ordinal);
            foreach (var leaf in leaves)
            {
                byLeaf[leaf.OrgUnit] = leaf.Figure;
            }
            _byPair[pair] = byLeaf;
        }
    }

    // The evaluator asks for one pair's leaves in a row: the pair's table is looked up once for them rather than
    // hashing the period and indicator again per leaf.
    private (Period Period, string Indicator, Dictionary<string, LeafFigure>? ByLeaf) _last = (default, "", null);

    public LeafFigure? Find(FigureKey key)
    {
        if (key.Period != _last.Period || !ReferenceEquals(key.Indicator, _last.Indicator))
        {
            _last = (key.Period, key.Indicator, _byPair.GetValueOrDefault(new PeriodIndicator(key.Period, key.Indicator)));
        }
        return _last.ByLeaf is { } byLeaf && byLeaf.TryGetValue(key.OrgUnit, out var figure) ? figure : null;
    }
}
