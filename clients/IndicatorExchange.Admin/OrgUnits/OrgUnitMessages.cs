using System.Globalization;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Catalog;
using ProtoLevel = IndicatorExchange.Contracts.Indicator.V1.OrgUnitLevel;

namespace IndicatorExchange.Admin.OrgUnits;

/// <summary>An org unit of a CSV (<see cref="CatalogFiles.ReadOrgUnits"/>) as the indicator service's contract states it.</summary>
public static class OrgUnitMessages
{
    public static OrgUnit ToMessage(OrgUnitDefinition unit) => new()
    {
        Code = unit.Code,
        NameZh = unit.NameZh,
        NameEn = unit.NameEn,
        Level = unit.Level switch
        {
            Domain.Catalog.OrgUnitLevel.Nation => ProtoLevel.Nation,
            Domain.Catalog.OrgUnitLevel.Province => ProtoLevel.Province,
            Domain.Catalog.OrgUnitLevel.Prefecture => ProtoLevel.Prefecture,
            Domain.Catalog.OrgUnitLevel.County => ProtoLevel.County,
            _ => throw new ArgumentOutOfRangeException(nameof(unit), unit.Level, "unknown org-unit level"),
        },
        ParentCode = unit.ParentCode ?? "",
        ValidFrom = Date(unit.ValidFrom),
        ClosedOn = Date(unit.ClosedOn),
        MergedInto = unit.MergedInto ?? "",
    };

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}
