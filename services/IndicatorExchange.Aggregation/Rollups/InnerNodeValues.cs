using System.Text.Json;
using IndicatorExchange.Aggregation.Summaries;
using IndicatorExchange.ServiceDefaults.Catalog;

namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>
/// What the rollup engine keeps between transactions: the committed values of the tree's inner nodes, the
/// (period, indicator) pairs they were evaluated for, and the catalog they hold under (a change of the tree, the
/// catalog or a deadline forgets them all).
/// </summary>
internal sealed class InnerNodeValues
{
    private readonly HashSet<(string Period, string Indicator)> _pairs = [];
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
    public bool Covers(string period, string indicator) => _pairs.Contains((period, indicator));

    public void Cover(IEnumerable<(string Period, string Indicator)> pairs) => _pairs.UnionWith(pairs);

    public void Forget()
    {
        Values.Clear();
        _pairs.Clear();
    }
}
