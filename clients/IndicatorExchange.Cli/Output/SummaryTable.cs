using System.Globalization;
using IndicatorExchange.Cli.Input;
using IndicatorExchange.Contracts.Aggregation.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IndicatorExchange.Cli.Output;

/// <summary>A summary for people: an overview table (one line per indicator), then each indicator's children.</summary>
public static class SummaryTable
{
    public static IEnumerable<IRenderable> Render(Summary summary, IndicatorCatalog? catalog, IReadOnlyDictionary<string, string> orgNames, bool children)
    {
        var name = orgNames.TryGetValue(summary.OrgUnit, out var found) ? $"{summary.OrgUnit} {found}" : summary.OrgUnit;
        var values = summary.PeriodValues == PeriodValues.PeriodOnly ? "period only 当期" : "year to date 累计";
        yield return new Text($"汇总 Summary of {name}, {summary.Period} ({values}), feed sequence {summary.AsOfSequence}" +
                              (summary.AsOf is null ? "" : $", as of {Display.Time(summary.AsOf)}"));
        if (summary.Rows.Count == 0)
        {
            yield return new Text("没有数据 No figures below this org unit for this period yet.");
            yield break;
        }
        var overview = Display.Table("指标 indicator", "单位 unit", "合计 total", "同比% growth", "报送 reported", "缺报 missing", "目标 target");
        foreach (var row in summary.Rows)
        {
            var places = catalog?.DisplayPrecision(row.Indicator) ?? 2;
            var total = row.Total is null ? Display.Method(row.TotalMethod) : Display.Number(row.Total, places) + (row.Partial ? " *" : "")
                + (Display.Weights(row.WeightPeriods, summary.Period).Length > 0 ? " †" : "");
            overview.AddRow(Display.Cells(
                $"{row.Indicator}\n{row.NameZh}", row.Unit, total, Display.Number(row.GrowthPct),
                $"{row.ReportedCount}/{row.ExpectedCount}",
                string.Join("、", row.MissingOrgUnits.Select(code => orgNames.TryGetValue(code, out var n) ? n : code)),
                string.Join("\n", row.TargetProgress.Select(Display.Target))));
        }
        yield return overview;
        if (summary.Rows.Any(r => r.Partial))
        {
            yield return new Text("* 不完整 partial: not every expected child has reported; the total covers those that have.");
        }
        foreach (var row in summary.Rows)
        {
            // A per-capita mean weighted (for some counties) by a population of another period than the row's own.
            if (Display.Weights(row.WeightPeriods, summary.Period) is { Length: > 0 } weights)
            {
                yield return new Text($"† {row.Indicator} {row.NameZh}: {weights}");
            }
        }
        if (!children)
        {
            yield break;
        }
        foreach (var row in summary.Rows.Where(r => r.Children.Count > 0))
        {
            var places = catalog?.DisplayPrecision(row.Indicator) ?? 2;
            var table = Display.Table("地区 org unit", $"数值 value ({row.Unit})", "同比% growth", "占比% share", "拉动 pull (pts)", "排名 rank value/growth", "状态 status", "目标 target");
            table.Title = new TableTitle(Markup.Escape($"{row.Indicator} {row.NameZh} {row.NameEn}"));
            foreach (var child in row.Children)
            {
                table.AddRow(Display.Cells(
                    $"{child.OrgUnit} {child.NameZh}", Display.Number(child.Value, places) + (child.Partial ? " *" : ""),
                    Display.Number(child.GrowthPct), Display.Number(child.SharePct), Display.Number(child.PullPoints),
                    $"{child.RankByValue}/{(child.RankByGrowth == 0 ? "-" : child.RankByGrowth.ToString(CultureInfo.InvariantCulture))}",
                    Display.Status(child.Status) + (child.HasOpenWarnings ? " ⚠" : "") + (child.Late ? " late" : "")
                        + (Display.Weights(child.WeightPeriods, summary.Period) is { Length: > 0 } weights ? "\n" + weights : ""),
                    string.Join("\n", child.TargetProgress.Select(Display.Target))));
            }
            yield return table;
        }
    }
}
