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
public sealed record OrgUnitDefinition(string Code, string NameZh, string NameEn, OrgUnitLevel Level, string? ParentCode);
