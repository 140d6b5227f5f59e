using System.Globalization;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Validation;

namespace IndicatorExchange.Indicator.Storage;

/// <summary>An indicators row as both engines write and read it (decimals as canonical text), mapped to and from the domain.</summary>
internal sealed class IndicatorRow
{
    public string Code { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string NameEn { get; init; } = "";
    public string Unit { get; init; } = "";
    public string Accumulation { get; init; } = "";
    public string Aggregation { get; init; } = "";
    public string? WeightIndicator { get; init; }
    public int DisplayPrecision { get; init; }
    public string Description { get; init; } = "";
    public string Periodicities { get; init; } = "";
    public string? MinValue { get; init; }
    public string? MaxValue { get; init; }
    public string? MaxYoyChangePct { get; init; }
    public bool JanFebCombined { get; init; }
    public string? MaxRevisionChangePct { get; init; }
    public int ReportOrder { get; init; }

    public static IndicatorRow From(IndicatorDefinition i) => new()
    {
        Code = i.Code, NameZh = i.NameZh, NameEn = i.NameEn, Unit = i.Unit,
        Accumulation = CatalogText.Name(i.Accumulation), Aggregation = CatalogText.Name(i.Aggregation),
        WeightIndicator = i.WeightIndicator, DisplayPrecision = i.DisplayPrecision, Description = i.Description,
        Periodicities = CatalogFiles.FormatPeriodicities(i.Periodicities),
        MinValue = ReferenceText.Text(i.MinValue), MaxValue = ReferenceText.Text(i.MaxValue), MaxYoyChangePct = ReferenceText.Text(i.MaxYoyChangePct),
        JanFebCombined = i.JanFebCombined, MaxRevisionChangePct = ReferenceText.Text(i.MaxRevisionChangePct), ReportOrder = i.ReportOrder,
    };

    public IndicatorDefinition ToDomain() => new(Code, NameZh, NameEn, Unit,
        CatalogText.Parse<Accumulation>(Accumulation), CatalogText.Parse<AggregationRule>(Aggregation),
        WeightIndicator, DisplayPrecision, Description)
    {
        Periodicities = CatalogFiles.ParsePeriodicities(Periodicities),
        MinValue = ReferenceText.Number(MinValue), MaxValue = ReferenceText.Number(MaxValue), MaxYoyChangePct = ReferenceText.Number(MaxYoyChangePct),
        JanFebCombined = JanFebCombined, MaxRevisionChangePct = ReferenceText.Number(MaxRevisionChangePct), ReportOrder = ReportOrder,
    };
}

/// <summary>An org_units row as both engines write and read it (dates as yyyy-MM-dd).</summary>
internal sealed class OrgUnitRow
{
    public string Code { get; init; } = "";
    public string NameZh { get; init; } = "";
    public string NameEn { get; init; } = "";
    public string Level { get; init; } = "";
    public string? ParentCode { get; init; }
    public string? ValidFrom { get; init; }
    public string? ClosedOn { get; init; }
    public string? MergedInto { get; init; }

    public static OrgUnitRow From(OrgUnitDefinition u) => new()
    {
        Code = u.Code, NameZh = u.NameZh, NameEn = u.NameEn, Level = CatalogText.Name(u.Level), ParentCode = u.ParentCode,
        ValidFrom = ReferenceText.Date(u.ValidFrom), ClosedOn = ReferenceText.Date(u.ClosedOn), MergedInto = u.MergedInto,
    };

    public OrgUnitDefinition ToDomain() => new(Code, NameZh, NameEn, CatalogText.Parse<OrgUnitLevel>(Level), ParentCode)
    {
        ValidFrom = ReferenceText.ParseDate(ValidFrom), ClosedOn = ReferenceText.ParseDate(ClosedOn), MergedInto = MergedInto,
    };
}

/// <summary>A validation_rules row as both engines write and read it.</summary>
internal sealed class RuleRow
{
    public string Code { get; init; } = "";
    public string Indicator { get; init; } = "";
    public string? Accumulation { get; init; }
    public string LeftExpr { get; init; } = "";
    public string Operator { get; init; } = "";
    public string RightExpr { get; init; } = "";
    public string Tolerance { get; init; } = "0";
    public string Severity { get; init; } = "";
    public string MessageZh { get; init; } = "";
    public string MessageEn { get; init; } = "";

    public static RuleRow From(ValidationRule r) => new()
    {
        Code = r.Code, Indicator = r.Indicator, Accumulation = r.Accumulation, LeftExpr = r.Left,
        Operator = r.Operator.ToText(), RightExpr = r.Right, Tolerance = DecimalText.Format(r.Tolerance),
        Severity = CatalogText.Name(r.Severity), MessageZh = r.MessageZh, MessageEn = r.MessageEn,
    };

    public ValidationRule ToDomain() => new()
    {
        Code = Code, Indicator = Indicator, Accumulation = Accumulation, Left = LeftExpr,
        Operator = ComparisonOperators.Parse(Operator), Right = RightExpr, Tolerance = ReferenceText.Number(Tolerance) ?? 0m,
        Severity = CatalogText.Parse<RuleSeverity>(Severity), MessageZh = MessageZh, MessageEn = MessageEn,
    };
}

/// <summary>How the reference rows spell decimals and dates.</summary>
internal static class ReferenceText
{
    internal static string? Text(decimal? value) => value is { } v ? DecimalText.Format(v) : null;

    internal static decimal? Number(string? text) => text is not null && DecimalText.TryParse(text, out var value) ? value : null;

    internal static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static DateOnly? ParseDate(string? text) => text is null ? null : DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
