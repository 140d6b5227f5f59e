namespace IndicatorExchange.Domain.Catalog;

/// <summary>The catalog, the org-unit tree and the periods' deadlines, as last read from the indicator service.</summary>
public sealed record CatalogSnapshot(
    IReadOnlyList<IndicatorDefinition> Indicators,
    OrgUnitTree Tree,
    IReadOnlyDictionary<string, DateTimeOffset> Deadlines,
    DateTimeOffset LoadedAt)
{
    public IReadOnlyDictionary<string, IndicatorDefinition> IndicatorsByCode { get; } =
        Indicators.ToDictionary(i => i.Code, StringComparer.Ordinal);

    /// <summary>These indicator codes and the weight indicators of those the catalog knows: what evaluating them reads.</summary>
    public HashSet<string> WithWeights(IEnumerable<string> codes) =>
        codes.SelectMany(code => IndicatorsByCode.TryGetValue(code, out var i) && i.WeightIndicator is { } w ? [code, w] : new[] { code })
            .ToHashSet(StringComparer.Ordinal);
}
