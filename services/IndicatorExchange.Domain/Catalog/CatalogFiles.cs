using System.Globalization;
using IndicatorExchange.Domain.Csv;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Domain.Catalog;

/// <summary>
/// Reads the catalog and org-unit CSV files (the shapes of DemoData/catalog.csv and org-units-ili.csv).
/// Columns after the first ones are optional, so a plain org-unit list such as org-units-ili.csv loads too.
/// </summary>
public static class CatalogFiles
{
    /// <summary>
    /// The indicators of a catalog file, each with its <see cref="IndicatorDefinition.ReportOrder"/>: the row's position
    /// in the file (1 for the first row), or the optional <c>report_order</c> column where it is given.
    /// </summary>
    public static IReadOnlyList<IndicatorDefinition> ReadIndicators(CsvTable table) =>
        table.Rows.Select((row, index) => new IndicatorDefinition(
            Code: row["code"],
            NameZh: row["name_zh"],
            NameEn: row["name_en"],
            Unit: row["unit"],
            Accumulation: CatalogText.Parse<Accumulation>(row["accumulation"]),
            Aggregation: CatalogText.Parse<AggregationRule>(row["aggregation"]),
            WeightIndicator: row.Optional("weight_indicator"),
            DisplayPrecision: int.Parse(row["display_precision"], CultureInfo.InvariantCulture),
            Description: row.Optional("description") ?? "")
        {
            Periodicities = row.Optional("periodicities") is { } kinds ? ParsePeriodicities(kinds) : IndicatorDefinition.DefaultPeriodicities,
            MinValue = OptionalDecimal(row, "min_value"),
            MaxValue = OptionalDecimal(row, "max_value"),
            MaxYoyChangePct = OptionalDecimal(row, "max_yoy_change_pct"),
            MaxRevisionChangePct = OptionalDecimal(row, "max_revision_change_pct"),
            JanFebCombined = row.Optional("jan_feb_combined") is { } flag && bool.Parse(flag),
            ReportOrder = row.Optional("report_order") is { } order ? int.Parse(order, CultureInfo.InvariantCulture) : index + 1,
        }).ToList();

    public static IReadOnlyList<OrgUnitDefinition> ReadOrgUnits(CsvTable table) =>
        table.Rows.Select(row => new OrgUnitDefinition(
            Code: row["code"],
            NameZh: row["name_zh"],
            NameEn: row["name_en"],
            Level: CatalogText.Parse<OrgUnitLevel>(row["level"]),
            ParentCode: row.Optional("parent_code"))
        {
            ValidFrom = row.Optional("valid_from") is { } from ? DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            ClosedOn = row.Optional("closed_on") is { } closed ? DateOnly.ParseExact(closed, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            MergedInto = row.Optional("merged_into"),
        }).ToList();

    /// <summary>"annual quarterly" or "annual,quarterly,monthly".</summary>
    public static IReadOnlyList<PeriodKind> ParsePeriodicities(string text) =>
        text.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries)
            .Select(CatalogText.Parse<PeriodKind>).Distinct().Order().ToList();

    public static string FormatPeriodicities(IEnumerable<PeriodKind> kinds) => string.Join(",", kinds.Order().Select(k => CatalogText.Name(k)));

    private static decimal? OptionalDecimal(CsvRow row, string column) =>
        row.Optional(column) is not { } text
            ? null
            : DecimalText.TryParse(text, out var value) ? value : throw new FormatException($"CSV line {row.Line}: {column} '{text}' is not a decimal.");
}
