using System.Globalization;
using IndicatorExchange.Contracts.Aggregation.V1;

namespace IndicatorExchange.Cli.Output;

/// <summary>
/// A summary flattened for CSV and Excel: per indicator one "total" line for the summarised unit, then one
/// "child" line per reporting child. Values are exact (not rounded).
/// </summary>
public static class SummaryLines
{
    public static readonly IReadOnlyList<(string Zh, string En)> Columns =
    [
        ("层级", "level"), ("指标代码", "indicator"), ("指标名称", "name_zh"), ("单位", "unit"), ("地区代码", "org_unit"), ("地区", "org_name"),
        ("数值", "value"), ("同比增长%", "growth_pct"), ("占比%", "share_pct"), ("拉动(百分点)", "pull_points"), ("贡献率%", "contribution_pct"),
        ("数值排名", "rank_by_value"), ("增速排名", "rank_by_growth"), ("状态", "status"), ("不完整", "partial"),
        ("已报", "reported_count"), ("应报", "expected_count"), ("缺报", "missing_org_units"), ("目标进度", "target_progress"),
    ];

    public static List<string[]> Build(Summary summary, IReadOnlyDictionary<string, string> orgNames)
    {
        var lines = new List<string[]>();
        foreach (var row in summary.Rows)
        {
            lines.Add(
            [
                "total", row.Indicator, row.NameZh, row.Unit, summary.OrgUnit, orgNames.GetValueOrDefault(summary.OrgUnit, ""),
                Display.Exact(row.Total), Display.Exact(row.GrowthPct), "", "", "", "", "", "", Flag(row.Partial),
                Count(row.ReportedCount), Count(row.ExpectedCount), string.Join(' ', row.MissingOrgUnits),
                string.Join("; ", row.TargetProgress.Select(Display.Target)),
            ]);
            foreach (var child in row.Children)
            {
                lines.Add(
                [
                    "child", row.Indicator, row.NameZh, row.Unit, child.OrgUnit, child.NameZh,
                    Display.Exact(child.Value), Display.Exact(child.GrowthPct), Display.Exact(child.SharePct), Display.Exact(child.PullPoints),
                    Display.Exact(child.ContributionPct), Count(child.RankByValue), child.RankByGrowth == 0 ? "" : Count(child.RankByGrowth),
                    child.Status.ToString().ToLowerInvariant(), Flag(child.Partial), "", "", "",
                    string.Join("; ", child.TargetProgress.Select(Display.Target)),
                ]);
            }
        }
        return lines;
    }

    /// <summary>RFC 4180 CSV with the English column names.</summary>
    public static string Csv(Summary summary, IReadOnlyDictionary<string, string> orgNames)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(string.Join(',', Columns.Select(c => c.En)));
        foreach (var line in Build(summary, orgNames))
        {
            text.AppendLine(string.Join(',', line.Select(Quote)));
        }
        return text.ToString();
    }

    /// <summary>The column of the indicator's Chinese name.</summary>
    public const int NameColumn = 2;

    /// <summary>The column of the unit.</summary>
    public const int UnitColumn = 3;

    /// <summary>
    /// For a column holding numbers, the decimals to show: the indicator's display precision for values, 2 for growth,
    /// shares, pulls and contributions, none for ranks and counts; null for a text column.
    /// </summary>
    public static int? NumberPlaces(int column, int valuePlaces) => Columns[column].En switch
    {
        "value" => valuePlaces,
        "growth_pct" or "share_pct" or "pull_points" or "contribution_pct" => 2,
        "rank_by_value" or "rank_by_growth" or "reported_count" or "expected_count" => 0,
        _ => null,
    };

    private static string Flag(bool value) => value ? "true" : "false";

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Quote(string field) =>
        field.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
}
