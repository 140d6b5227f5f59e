using IndicatorExchange.Domain.Catalog;

namespace IndicatorExchange.Indicator.Storage;

/// <summary>The indicator catalog and the org-unit tree.</summary>
public interface IReferenceStore
{
    Task<IReadOnlyList<IndicatorDefinition>> ListIndicatorsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<OrgUnitDefinition>> ListOrgUnitsAsync(CancellationToken cancellationToken);

    Task UpsertIndicatorsAsync(IEnumerable<IndicatorDefinition> indicators, CancellationToken cancellationToken);

    Task UpsertOrgUnitsAsync(IEnumerable<OrgUnitDefinition> orgUnits, CancellationToken cancellationToken);
}
