using System.Globalization;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Csv;
using IndicatorExchange.Target.Submissions;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Target.Import;

/// <summary>
/// Reads targets from a CSV shaped like seed-targets-2023.csv (org_code, indicator_name_zh or indicator,
/// year, target_kind, value, unit, remark), for the demo loader and the import-targets command alike.
/// </summary>
public static class TargetCsv
{
    /// <summary>One SetTargets request per org unit and year, with request ids derived from <paramref name="requestPrefix"/>.</summary>
    /// <param name="codeOf">Turns the indicator column (a code, or a Chinese name) into a catalog code; null when unknown.</param>
    public static IReadOnlyList<SetTargetsRequest> Read(CsvTable table, Func<string, string?> codeOf, string requestPrefix, string reason)
    {
        var errors = new List<string>();
        var inputs = new List<TargetInput>();
        foreach (var row in table.Rows)
        {
            var name = row.Optional("indicator") ?? row["indicator_name_zh"];
            var code = codeOf(name);
            if (code is null)
            {
                errors.Add($"line {row.Line}: indicator '{name}' is not in the catalog");
                continue;
            }
            if (!TargetKinds.TryParse(row["target_kind"], out var kind))
            {
                errors.Add($"line {row.Line}: target_kind '{row["target_kind"]}' is not one of growth_at_least, value_at_least, value_at_most, rate_at_least, rate_at_most");
                continue;
            }
            if (!int.TryParse(row["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            {
                errors.Add($"line {row.Line}: year '{row["year"]}' is not a year");
                continue;
            }
            inputs.Add(new TargetInput
            {
                OrgUnit = row["org_code"],
                Indicator = code,
                Year = year,
                Kind = kind,
                Threshold = new ProtoDecimal { Value = row["value"] },
                Unit = row["unit"],
                Note = row.Optional("remark") ?? "",
            });
        }
        if (errors.Count > 0)
        {
            throw new InvalidDataException(string.Join(Environment.NewLine, errors));
        }
        return inputs.GroupBy(t => (t.OrgUnit, t.Year)).Select(group =>
        {
            var request = new SetTargetsRequest { RequestId = $"{requestPrefix}-{group.Key.OrgUnit}-{group.Key.Year}", Reason = reason };
            request.Targets.AddRange(group);
            return request;
        }).ToList();
    }
}
