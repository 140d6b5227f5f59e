using System.Globalization;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Units;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;
using ProtoIndicator = IndicatorExchange.Contracts.Indicator.V1.Indicator;
using ProtoOrgUnit = IndicatorExchange.Contracts.Indicator.V1.OrgUnit;

namespace IndicatorExchange.Contracts.Mapping;

/// <summary>Indicators and org units to and from their messages: the one mapping of the service that owns them and of every reader.</summary>
public static class CatalogMapping
{
    public static ProtoIndicator ToProto(this IndicatorDefinition indicator)
    {
        var message = new ProtoIndicator
        {
            Code = indicator.Code,
            NameZh = indicator.NameZh,
            NameEn = indicator.NameEn,
            Unit = indicator.Unit,
            Accumulation = indicator.Accumulation.ToProto(),
            Aggregation = indicator.Aggregation.ToProto(),
            WeightIndicator = indicator.WeightIndicator ?? "",
            DisplayPrecision = indicator.DisplayPrecision,
            Description = indicator.Description,
            MinValue = ProtoDecimal.FromNullable(indicator.MinValue),
            MaxValue = ProtoDecimal.FromNullable(indicator.MaxValue),
            MaxYoyChangePct = ProtoDecimal.FromNullable(indicator.MaxYoyChangePct),
            MaxRevisionChangePct = ProtoDecimal.FromNullable(indicator.MaxRevisionChangePct),
            JanFebCombined = indicator.JanFebCombined,
            ReportOrder = indicator.ReportOrder,
        };
        message.Periodicities.AddRange(indicator.Periodicities.Select(CatalogEnums.ToProto));
        if (UnitTable.TryGet(indicator.Unit, out var unit))
        {
            message.Dimension = CatalogText.Name(unit.Dimension);
            message.AcceptedUnits.AddRange(UnitTable.SameDimension(unit));
        }
        return message;
    }

    /// <summary>
    /// The catalog fields of an indicator message. Its enums must be defined and specified (a request validator says so
    /// first); no periodicities means the default ones, a bound that is not a decimal means none.
    /// </summary>
    public static IndicatorDefinition ToDomain(this ProtoIndicator indicator) =>
        new(indicator.Code, indicator.NameZh, indicator.NameEn, indicator.Unit,
            indicator.Accumulation.ToDomain(),
            indicator.Aggregation.ToDomain(),
            indicator.WeightIndicator.Length == 0 ? null : indicator.WeightIndicator,
            indicator.DisplayPrecision,
            indicator.Description)
        {
            Periodicities = indicator.Periodicities.Count == 0
                ? IndicatorDefinition.DefaultPeriodicities
                : indicator.Periodicities.Select(CatalogEnums.ToDomain).Distinct().Order().ToList(),
            MinValue = Bound(indicator.MinValue),
            MaxValue = Bound(indicator.MaxValue),
            MaxYoyChangePct = Bound(indicator.MaxYoyChangePct),
            MaxRevisionChangePct = Bound(indicator.MaxRevisionChangePct),
            JanFebCombined = indicator.JanFebCombined,
            ReportOrder = indicator.ReportOrder,
        };

    public static ProtoOrgUnit ToProto(this OrgUnitDefinition unit) => new()
    {
        Code = unit.Code,
        NameZh = unit.NameZh,
        NameEn = unit.NameEn,
        Level = unit.Level.ToProto(),
        ParentCode = unit.ParentCode ?? "",
        ValidFrom = FormatDate(unit.ValidFrom),
        ClosedOn = FormatDate(unit.ClosedOn),
        MergedInto = unit.MergedInto ?? "",
    };

    /// <summary>The fields of an org-unit message; its level must be specified, a date that does not parse is none (validate with <see cref="TryParseDate"/>).</summary>
    public static OrgUnitDefinition ToDomain(this ProtoOrgUnit unit) =>
        new(unit.Code, unit.NameZh, unit.NameEn, unit.Level.ToDomain(), unit.ParentCode.Length == 0 ? null : unit.ParentCode)
        {
            ValidFrom = TryParseDate(unit.ValidFrom, out var from) ? from : null,
            ClosedOn = TryParseDate(unit.ClosedOn, out var closed) ? closed : null,
            MergedInto = unit.MergedInto.Length == 0 ? null : unit.MergedInto,
        };

    /// <summary>A date as the org-unit messages write it: yyyy-MM-dd.</summary>
    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    private static string FormatDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static decimal? Bound(ProtoDecimal? bound) => bound is not null && bound.TryToDecimal(out var value) ? value : null;
}
