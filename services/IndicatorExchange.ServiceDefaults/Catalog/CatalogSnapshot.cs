using IndicatorExchange.Domain.Catalog;

namespace IndicatorExchange.ServiceDefaults.Catalog;

/// <summary>The catalog, the org-unit tree and the periods' deadlines, as the aggregator last read them.</summary>
public sealed record CatalogSnapshot(
    IReadOnlyList<IndicatorDefinition> Indicators,
    OrgUnitTree Tree,
    IReadOnlyDictionary<string, DateTimeOffset> Deadlines,
    DateTimeOffset LoadedAt)
{
    public IReadOnlyDictionary<string, IndicatorDefinition> IndicatorsByCode { get; } =
        Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);
}
