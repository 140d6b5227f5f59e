namespace IndicatorExchange.Domain.Catalog;

/// <summary>
/// Where a module gets the catalog, the org-unit tree and the deadlines: in-process from the indicator service when it is
/// hosted in the same process, over gRPC from it otherwise.
/// </summary>
public interface ICatalogSource
{
    /// <summary>A recent snapshot; <paramref name="forceRefresh"/> reads it anew (after an unknown code was met).</summary>
    Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken, bool forceRefresh = false);
}
