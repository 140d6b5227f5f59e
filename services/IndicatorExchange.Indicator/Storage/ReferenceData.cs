using IndicatorExchange.Domain.Catalog;

namespace IndicatorExchange.Indicator.Storage;

/// <summary>
/// The catalog and the org-unit tree, read from the store and kept in memory for a few seconds:
/// they change rarely and are read on every submission. Local writes refresh at once; another
/// process's writes are seen within <see cref="MaxAge"/>.
/// </summary>
public sealed class ReferenceData(IReferenceStore store, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;

    public sealed record Snapshot(
        IReadOnlyList<IndicatorDefinition> Indicators,
        IReadOnlyDictionary<string, IndicatorDefinition> IndicatorsByCode,
        IReadOnlyList<OrgUnitDefinition> OrgUnits,
        OrgUnitTree Tree,
        DateTimeOffset LoadedAt);

    public async Task<Snapshot> GetAsync(CancellationToken cancellationToken)
    {
        var snapshot = _snapshot;
        if (snapshot is not null && clock.GetUtcNow() - snapshot.LoadedAt < MaxAge)
        {
            return snapshot;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            snapshot = _snapshot;
            if (snapshot is not null && clock.GetUtcNow() - snapshot.LoadedAt < MaxAge)
            {
                return snapshot;
            }
            var indicators = await store.ListIndicatorsAsync(cancellationToken);
            var orgUnits = await store.ListOrgUnitsAsync(cancellationToken);
            _snapshot = new Snapshot(indicators, indicators.ToDictionary(i => i.Code, StringComparer.Ordinal),
                orgUnits, new OrgUnitTree(orgUnits), clock.GetUtcNow());
            return _snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ImportAsync(IEnumerable<IndicatorDefinition> indicators, IEnumerable<OrgUnitDefinition> orgUnits, CancellationToken cancellationToken)
    {
        await store.UpsertIndicatorsAsync(indicators, cancellationToken);
        await store.UpsertOrgUnitsAsync(orgUnits, cancellationToken);
        _snapshot = null;
    }
}
