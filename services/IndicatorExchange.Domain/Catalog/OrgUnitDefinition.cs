namespace IndicatorExchange.Domain.Catalog;

/// <summary>The level of an administrative unit.</summary>
public enum OrgUnitLevel
{
    Nation,
    Province,
    Prefecture,
    County,
}

/// <summary>An administrative unit, by its GB/T 2260 code, and its parent.</summary>
public sealed record OrgUnitDefinition(string Code, string NameZh, string NameEn, OrgUnitLevel Level, string? ParentCode)
{
    /// <summary>First day the unit exists; null when it always has.</summary>
    public DateOnly? ValidFrom { get; init; }

    /// <summary>Day from which the unit no longer exists (closed or merged); null while it exists.</summary>
    public DateOnly? ClosedOn { get; init; }

    /// <summary>The unit it was merged into, when it was.</summary>
    public string? MergedInto { get; init; }

    /// <summary>Whether the unit existed for at least part of the period, and so reports for it.</summary>
    public bool ExistsDuring(Periods.Period period) =>
        (ValidFrom is null || ValidFrom <= period.End) && (ClosedOn is null || ClosedOn > period.Start);
}
