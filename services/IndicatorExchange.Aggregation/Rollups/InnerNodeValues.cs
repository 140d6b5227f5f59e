using System.Text.Json;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>
/// What the rollup engine keeps between transactions: the committed values of the tree's inner nodes, the
/// (period, indicator) pairs they were evaluated for, and the catalog they hold under (a change of the tree, the
/// catalog or a deadline forgets them all). At most <c>maxValues</c> values are kept: beyond that the pairs
/// used least recently are let go (a national quarter is 72,400 values of a few hundred bytes each, and every quarter
/// loaded would otherwise stay in memory for the life of the process). A pair let go is read and evaluated anew,
/// nationwide, the next time a change meets it, as it was the first time.
/// </summary>
internal sealed class InnerNodeValues(int maxValues)
{
    private readonly Dictionary<PeriodIndicator, long> _pairs = [];
    private long _transaction;
    private CatalogSnapshot? _catalog;
    private string? _fingerprint;

    public NodeValueCache Values { get; } = new();

    /// <summary>Keeps the values when this catalog says what the last one said (the snapshot is re-read every 30 s).</summary>
    public void UseCatalog(CatalogSnapshot catalog)
    {
        if (ReferenceEquals(catalog, _catalog))
        {
            return;
        }
        var fingerprint = JsonSerializer.Serialize(new
        {
            catalog.Indicators,
            Units = catalog.Tree.All.OrderBy(u => u.Code, StringComparer.Ordinal),
            Deadlines = catalog.Deadlines.OrderBy(d => d.Key, StringComparer.Ordinal),
        });
        if (fingerprint != _fingerprint)
        {
            Forget();
        }
        (_catalog, _fingerprint) = (catalog, fingerprint);
    }

    /// <summary>Whether the inner nodes were evaluated for this period and indicator since they were last forgotten.</summary>
    public bool Covers(PeriodIndicator pair) => _pairs.ContainsKey(pair);

    /// <summary>
    /// Records that a committed transaction evaluated these pairs, then lets go of the pairs used least recently
    /// while more than the most values are kept (never those of this transaction).
    /// </summary>
    public void Cover(IEnumerable<PeriodIndicator> pairs)
    {
        _transaction++;
        foreach (var pair in pairs)
        {
            _pairs[pair] = _transaction;
        }
        if (Values.Count <= maxValues)
        {
            return;
        }
        foreach (var (pair, used) in _pairs.OrderBy(p => p.Value).ToList())
        {
            if (Values.Count <= maxValues || used == _transaction)
            {
                break;
            }
            _pairs.Remove(pair);
            Values.RemovePair(pair);
        }
    }

    public void Forget()
    {
        Values.Clear();
        _pairs.Clear();
    }
}
