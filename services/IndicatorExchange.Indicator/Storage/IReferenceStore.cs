using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Validation;

namespace IndicatorExchange.Indicator.Storage;

/// <summary>The indicator catalog, the org-unit tree and the reporting periods.</summary>
internal interface IReferenceStore
{
    Task<IReadOnlyList<IndicatorDefinition>> ListIndicatorsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<OrgUnitDefinition>> ListOrgUnitsAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<PeriodRecord>> ListPeriodsAsync(CancellationToken cancellationToken);

    Task UpsertIndicatorsAsync(IEnumerable<IndicatorDefinition> indicators, CancellationToken cancellationToken);

    Task UpsertOrgUnitsAsync(IEnumerable<OrgUnitDefinition> orgUnits, CancellationToken cancellationToken);

    /// <summary>Inserts the indicator; false when the code exists already (nothing changed).</summary>
    Task<bool> TryCreateIndicatorAsync(IndicatorDefinition indicator, CancellationToken cancellationToken);

    /// <summary>Which of these org-unit codes are stored.</summary>
    Task<IReadOnlySet<string>> FindOrgUnitsAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken);

    /// <summary>Inserts the org unit; false when the code exists already (nothing changed).</summary>
    Task<bool> TryCreateOrgUnitAsync(OrgUnitDefinition orgUnit, CancellationToken cancellationToken);

    Task UpsertPeriodAsync(PeriodRecord period, CancellationToken cancellationToken);

    /// <summary>The validation rules (data, not code).</summary>
    Task<IReadOnlyList<ValidationRule>> ListRulesAsync(CancellationToken cancellationToken);

    /// <summary>Stores the rules when there are none yet (the first start); false when rules existed.</summary>
    Task<bool> SeedRulesAsync(IEnumerable<ValidationRule> rules, CancellationToken cancellationToken);
}
