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

    public LeafFigure? Find(string orgUnit, string indicator, string period) =>
        _byPair.TryGetValue((period, indicator), out var byLeaf) && byLeaf.TryGetValue(orgUnit, out var figure) ? figure : null;
}
