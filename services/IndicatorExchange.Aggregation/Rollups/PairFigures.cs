using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Summaries;

namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>
/// The figures a recomputation evaluates one period and indicator with: that pair's, the prior year's and the weight
/// indicator's, each by leaf. A figure of any other period or indicator is absent, as nothing in the pair asks for one.
/// </summary>
internal sealed class PairFigures : IFigureLookup
{
    private readonly Dictionary<(string Period, string Indicator), Dictionary<string, LeafFigure>> _byPair = [];

    /// <summary>Indexes the stored leaves by org unit (on the evaluating thread, not the one reading the session).</summary>
    public PairFigures(IEnumerable<(string Period, string Indicator, IReadOnlyList<StoredLeaf> Leaves)> pairs)
    {
        foreach (var (period, indicator, leaves) in pairs)
        {
            var byLeaf = new Dictionary<string, LeafFigure>(leaves.Count, StringComparer.Ordinal);
            foreach (var leaf in leaves)
            {
                byLeaf[leaf.OrgUnit] = leaf.Figure;
            }
            _byPair[(period, indicator)] = byLeaf;
        }
    }

    // The evaluator asks for one pair's leaves in a row, with the same strings each time: the pair's table is looked up
    // once for them rather than hashing the period and indicator again per leaf.
    private (string Period, string Indicator, Dictionary<string, LeafFigure>? ByLeaf) _last = ("", "", null);

    public LeafFigure? Find(string orgUnit, string indicator, string period)
    {
        if (!ReferenceEquals(period, _last.Period) || !ReferenceEquals(indicator, _last.Indicator))
        {
            _last = (period, indicator, _byPair.GetValueOrDefault((period, indicator)));
        }
        return _last.ByLeaf is { } byLeaf && byLeaf.TryGetValue(orgUnit, out var figure) ? figure : null;
    }
}
