namespace IndicatorExchange.ServiceDefaults.Catalog;

/// <summary>Where the aggregator gets the catalog, the org-unit tree and the deadlines (the indicator service, over gRPC).</summary>
public interface ICatalogSource
{
    /// <summary>A recent snapshot; <paramref name="forceRefresh"/> reads it anew (after an unknown code was met).</summary>
    Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken, bool forceRefresh = false);
}
