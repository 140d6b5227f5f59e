using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Validation;
using IndicatorExchange.Indicator.Storage;

namespace IndicatorExchange.Indicator.Catalog;

/// <summary>
/// The catalog and the org-unit tree, read from the store and kept in memory for a few seconds:
/// they change rarely and are read on every submission. Local writes refresh at once; another
/// process's writes are seen within <see cref="MaxAge"/>.
/// </summary>
internal sealed class ReferenceData(IReferenceStore store, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(10);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private Snapshot? _snapshot;
    private long _version;

    public sealed record Snapshot(
        IReadOnlyList<IndicatorDefinition> Indicators,
        IReadOnlyDictionary<string, IndicatorDefinition> IndicatorsByCode,
        IReadOnlyList<OrgUnitDefinition> OrgUnits,
        OrgUnitTree Tree,
        IReadOnlyDictionary<string, PeriodRecord> Periods,
        IReadOnlyList<CompiledRule> Rules,
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
            var version = Interlocked.Read(ref _version);
            var indicators = await store.ListIndicatorsAsync(cancellationToken);
            var orgUnits = await store.ListOrgUnitsAsync(cancellationToken);
            var periods = await store.ListPeriodsAsync(cancellationToken);
            var rules = await store.ListRulesAsync(cancellationToken);
            if (rules.Count == 0 && await store.SeedRulesAsync(DefaultRules.All, cancellationToken))
            {
                rules = await store.ListRulesAsync(cancellationToken);
            }
            var loaded = new Snapshot(indicators, indicators.ToDictionary(i => i.Code, StringComparer.Ordinal),
                orgUnits, new OrgUnitTree(orgUnits), periods.ToDictionary(p => p.Code, StringComparer.Ordinal),
                CompiledRule.CompileAll(rules), clock.GetUtcNow());
            // A write invalidated while this was read: answer with it, but do not keep it.
            if (Interlocked.Read(ref _version) == version)
            {
                _snapshot = loaded;
            }
            return loaded;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Forgets the snapshot after a write through <see cref="Store"/>, so the next read sees it.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _version);
        _snapshot = null;
    }

    /// <summary>The store behind the snapshot, for writes; call <see cref="Invalidate"/> after each.</summary>
    public IReferenceStore Store => store;

    public async Task ImportAsync(IEnumerable<IndicatorDefinition> indicators, IEnumerable<OrgUnitDefinition> orgUnits, CancellationToken cancellationToken)
    {
        await store.UpsertIndicatorsAsync(indicators, cancellationToken);
        await store.UpsertOrgUnitsAsync(orgUnits, cancellationToken);
        Invalidate();
    }
}
