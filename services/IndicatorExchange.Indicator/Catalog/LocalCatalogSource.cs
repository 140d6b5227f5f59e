using System.Globalization;
using IndicatorExchange.Domain.Catalog;

namespace IndicatorExchange.Indicator.Catalog;

/// <summary>
/// The catalog of the modules hosted beside the indicator service, read in-process from its <see cref="ReferenceData"/>:
/// one org-unit tree per process, refreshed on one clock and at once after a local write, and no call of the service
/// to itself. The snapshot stays the same object while what it says is unchanged, so that what other modules keep
/// per snapshot (summary rows, inner node values) outlives a re-read that found nothing new.
/// </summary>
internal sealed class LocalCatalogSource(ReferenceData reference) : ICatalogSource
{
    private Kept? _kept;

    /// <summary>The current snapshot; local writes already refresh it, so <paramref name="forceRefresh"/> asks nothing more.</summary>
    public async Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken, bool forceRefresh = false)
    {
        var source = await reference.GetAsync(cancellationToken);
        var kept = _kept;
        if (kept is not null && ReferenceEquals(kept.Source, source))
        {
            return kept.Catalog;
        }
        var catalog = kept is not null && SaysTheSame(kept.Source, source) ? kept.Catalog : ToCatalog(source);
        _kept = new Kept(source, catalog);
        return catalog;
    }

    private static CatalogSnapshot ToCatalog(ReferenceData.Snapshot source) => new(
        source.Indicators,
        source.Tree,
        source.Periods.Values.ToDictionary(p => p.Code, p => DateTimeOffset.Parse(p.Deadline, CultureInfo.InvariantCulture).ToUniversalTime(), StringComparer.Ordinal),
        source.LoadedAt);

    private static bool SaysTheSame(ReferenceData.Snapshot a, ReferenceData.Snapshot b) =>
        a.Indicators.SequenceEqual(b.Indicators, IndicatorComparer.Instance)
        && a.OrgUnits.SequenceEqual(b.OrgUnits)
        && a.Periods.Count == b.Periods.Count
        && a.Periods.All(p => b.Periods.TryGetValue(p.Key, out var other) && other.Deadline == p.Value.Deadline);

    private sealed record Kept(ReferenceData.Snapshot Source, CatalogSnapshot Catalog);

    /// <summary>Record equality, with the periodicities compared by content rather than by list.</summary>
    private sealed class IndicatorComparer : IEqualityComparer<IndicatorDefinition>
    {
        public static readonly IndicatorComparer Instance = new();

        public bool Equals(IndicatorDefinition? x, IndicatorDefinition? y) =>
            x is not null && y is not null && x.Periodicities.SequenceEqual(y.Periodicities) && x with { Periodicities = y.Periodicities } == y;

        public int GetHashCode(IndicatorDefinition obj) => obj.Code.GetHashCode(StringComparison.Ordinal);
    }
}
