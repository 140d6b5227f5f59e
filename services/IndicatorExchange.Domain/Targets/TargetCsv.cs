using System.Globalization;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Csv;

namespace IndicatorExchange.Domain.Targets;

/// <summary>One target as a CSV shaped like seed-targets-2023.csv states it; the indicator already resolved to a code.</summary>
public sealed record TargetRow(int Line, string OrgUnit, string Indicator, int Year, TargetKind Kind, string Threshold, string Unit, string Note);

/// <summary>
/// Reads targets from a CSV shaped like seed-targets-2023.csv (org_code, indicator_name_zh or indicator, year,
/// target_kind as growth_at_least / value_at_least / value_at_most / rate_at_least / rate_at_most, value, unit,
/// remark): for the demo loader, the import-targets command and the county CLI alike.
/// </summary>
public static class TargetCsv
{
    /// <param name="codeOf">Turns the indicator column (a code, or a Chinese name) into a catalog code; null when unknown.</param>
    /// <exception cref="InvalidDataException">Every line that cannot be read, with its line number.</exception>
    public static IReadOnlyList<TargetRow> Read(CsvTable table, Func<string, string?> codeOf)
    {
        var errors = new List<string>();
        var rows = new List<TargetRow>();
        foreach (var row in table.Rows)
        {
            var name = row.Optional("indicator") ?? row["indicator_name_zh"];
            var code = codeOf(name);
            if (code is null)
            {
                errors.Add($"line {row.Line}: indicator '{name}' is not in the catalog");
                continue;
            }
            if (!CatalogText.TryParse<TargetKind>(row["target_kind"], out var kind))
            {
                errors.Add($"line {row.Line}: target_kind '{row["target_kind"]}' is not one of growth_at_least, value_at_least, value_at_most, rate_at_least, rate_at_most");
                continue;
            }
            if (!int.TryParse(row["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                errors.Add($"line {row.Line}: year '{row["year"]}' is not a year");
                continue;
            }
            rows.Add(new TargetRow(row.Line, row["org_code"], code, year, kind, row["value"], row["unit"], row.Optional("remark") ?? ""));
        }
        return errors.Count > 0 ? throw new InvalidDataException(string.Join(Environment.NewLine, errors)) : rows;
    }
}
