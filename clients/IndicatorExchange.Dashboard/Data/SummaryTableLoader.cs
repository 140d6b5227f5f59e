using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Dashboard.Model;

namespace IndicatorExchange.Dashboard.Data;

/// <summary>What a table needs besides the summary (the node, its children, the catalog), fetched once per node.</summary>
public sealed class SummaryTableLoader(DashboardQueries queries)
{
    private IReadOnlyList<Indicator>? _catalog;

    /// <summary>The context for <paramref name="orgUnit"/>; the catalog is kept after the first read.</summary>
    public async Task<SummaryTable.Context> ContextAsync(string orgUnit, UiText text, CancellationToken cancellationToken = default)
    {
        var node = queries.GetOrgUnitAsync(orgUnit, cancellationToken);
        var children = queries.ListChildrenAsync(orgUnit, cancellationToken);
        _catalog ??= await queries.ListIndicatorsAsync(cancellationToken);
        return new SummaryTable.Context
        {
            Text = text, Node = await node, Children = await children, Catalog = _catalog,
            RowOrder = queries.Options.Indicators.Count > 0 ? queries.Options.Indicators : RowOrder.Of(_catalog),
        };
    }

    /// <summary>The table of a node and period as it stands now.</summary>
    public async Task<SummaryTable> LoadAsync(string orgUnit, string period, UiText text, CancellationToken cancellationToken = default)
    {
        var context = ContextAsync(orgUnit, text, cancellationToken);
        var summary = await queries.GetSummaryAsync(orgUnit, period, cancellationToken);
        return SummaryTable.Build(summary, await context);
    }
}
