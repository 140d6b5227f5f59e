using IndicatorExchange.Domain.Csv;

namespace IndicatorExchange.Domain.Catalog;

/// <summary>Reads the catalog and org-unit CSV files (the shapes of DemoData/catalog.csv and org-units-ili.csv).</summary>
public static class CatalogFiles
{
    public static IReadOnlyList<IndicatorDefinition> ReadIndicators(CsvTable table) =>
        table.Rows.Select(row => new IndicatorDefinition(
            Code: row["code"],
            NameZh: row["name_zh"],
            NameEn: row["name_en"],
            Unit: row["unit"],
            Accumulation: CatalogText.Parse<Accumulation>(row["accumulation"]),
            Aggregation: CatalogText.Parse<AggregationRule>(row["aggregation"]),
            WeightIndicator: row.Optional("weight_indicator"),
            DisplayPrecision: int.Parse(row["display_precision"], System.Globalization.CultureInfo.InvariantCulture),
            Description: row.Optional("description") ?? "")).ToList();

    public static IReadOnlyList<OrgUnitDefinition> ReadOrgUnits(CsvTable table) =>
        table.Rows.Select(row => new OrgUnitDefinition(
            Code: row["code"],
            NameZh: row["name_zh"],
            NameEn: row["name_en"],
            Level: CatalogText.Parse<OrgUnitLevel>(row["level"]),
            ParentCode: row.Optional("parent_code"))).ToList();
}
