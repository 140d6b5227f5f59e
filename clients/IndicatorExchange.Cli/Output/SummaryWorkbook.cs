using IndicatorExchange.Cli.Input;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Units;
using IndicatorExchange.Spreadsheets;

namespace IndicatorExchange.Cli.Output;

/// <summary>
/// A summary as an Excel workbook. Sheet 1 is the main-indicator table as the dashboard lays it out: indicator, unit,
/// total, growth, marks and target, then for each county (its name merged over its columns) value, growth, share,
/// rank, target and marks, then the missing counties. Sheet 2 has the lines of the CSV export. Every figure is a numeric cell
/// holding the exact value, shown with the indicator's display precision (growth, shares and pulls with 2 decimals,
/// ranks and counts with none); the marks (不完整 partial, 预计 preliminary, 待核 to confirm, 迟报 late, 未报送 not
/// reported) stand in their own columns, so the numbers can be summed and charted. In English (<c>--lang en</c>) the
/// headers, names, units and marks are English.
/// </summary>
public static class SummaryWorkbook
{
    /// <summary>Columns per county in the main table.</summary>
    public const int CountyColumns = 6;

    /// <summary>Columns before the first county in the main table.</summary>
    public const int FixedColumns = 7;

    private const int RatePlaces = 2;

    public static IReadOnlyList<XlsxSheet> Build(Summary summary, IndicatorCatalog? catalog, IReadOnlyDictionary<string, OrgUnit> units, bool english)
    {
        var text = new Labels(english);
        return [Table(summary, catalog, units, text), Detail(summary, catalog, units, text)];
    }

    private static XlsxSheet Table(Summary summary, IndicatorCatalog? catalog, IReadOnlyDictionary<string, OrgUnit> units, Labels text)
    {
        var sheet = new XlsxSheet(text.Pick($"汇总 {summary.OrgUnit} {summary.Period}", $"Summary {summary.OrgUnit} {summary.Period}")) { FrozenRows = 2 };
        var counties = summary.Rows.SelectMany(r => r.Children.Select(c => c.OrgUnit).Concat(r.MissingOrgUnits))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        string[] fixedHeaders =
        [
            text.Pick("指标代码", "Code"), text.Pick("指标", "Indicator"), text.Pick("单位", "Unit"), text.Pick("合计", "Total"),
            text.Pick("增长%", "Growth %"), text.Pick("标记", "Marks"), text.Pick("目标", "Target"),
        ];
        string[] countyHeaders =
        [
            text.Pick("数值", "Value"), text.Pick("增长%", "Growth %"), text.Pick("占比%", "Share %"), text.Pick("排名", "Rank"), text.Pick("目标", "Target"),
            text.Pick("标记", "Marks"),
        ];
        var top = new List<XlsxCell?>(fixedHeaders.Select(h => XlsxCell.Text(h, header: true)));
        var sub = new List<XlsxCell?>(fixedHeaders.Select(_ => (XlsxCell?)null));
        foreach (var county in counties)
        {
            top.Add(XlsxCell.Text(OrgName(county, units, text), header: true));
            top.AddRange(Enumerable.Repeat<XlsxCell?>(null, CountyColumns - 1));
            sub.AddRange(countyHeaders.Select(h => XlsxCell.Text(h, header: true)));
        }
        var missingColumn = top.Count;
        top.Add(XlsxCell.Text(text.Pick("未报送", "Not reported"), header: true));
        sub.Add(null);
        sheet.Rows.Add(top);
        sheet.Rows.Add(sub);
        for (var column = 0; column < FixedColumns; column++)
        {
            sheet.Merge(0, column, 1, column);
        }
        for (var i = 0; i < counties.Count; i++)
        {
            sheet.Merge(0, FixedColumns + i * CountyColumns, 0, FixedColumns + (i + 1) * CountyColumns - 1);
        }
        sheet.Merge(0, missingColumn, 1, missingColumn);

        foreach (var row in summary.Rows)
        {
            var places = catalog?.DisplayPrecision(row.Indicator) ?? 2;
            var totalMarks = new List<string>();
            if (row.Partial)
            {
                totalMarks.Add(text.Partial);
            }
            if (row.Total is null && Display.Method(row.TotalMethod) is { Length: > 0 } method)
            {
                totalMarks.Add(method);
            }
            var cells = new List<XlsxCell?>
            {
                XlsxCell.Text(row.Indicator), XlsxCell.Text(text.English ? row.NameEn : row.NameZh), XlsxCell.Text(text.Unit(row.Unit)),
                WireCells.Number(row.Total, places), WireCells.Number(row.GrowthPct, RatePlaces), XlsxCell.Text(string.Join(text.Separator, totalMarks)),
                XlsxCell.Text(string.Join("; ", row.TargetProgress.Select(p => Display.Target(p, text.English)))),
            };
            var children = row.Children.ToDictionary(c => c.OrgUnit);
            foreach (var county in counties)
            {
                if (children.TryGetValue(county, out var child))
                {
                    cells.Add(WireCells.Number(child.Value, places));
                    cells.Add(WireCells.Number(child.GrowthPct, RatePlaces));
                    cells.Add(WireCells.Number(child.SharePct, RatePlaces));
                    cells.Add(child.RankByValue > 0 ? XlsxCell.Number(child.RankByValue, 0) : null);
                    cells.Add(XlsxCell.Text(string.Join("; ", child.TargetProgress.Select(p => Display.Target(p, text.English)))));
                    cells.Add(XlsxCell.Text(string.Join(text.Separator, Marks(child, text))));
                }
                else
                {
                    cells.AddRange([null, null, null, null, null, XlsxCell.Text(row.MissingOrgUnits.Contains(county) ? text.NotReported : null)]);
                }
            }
            cells.Add(XlsxCell.Text(string.Join(text.Separator, row.MissingOrgUnits.Select(code => OrgName(code, units, text)))));
            sheet.Rows.Add(cells);
        }
        sheet.Widths.AddRange([30, 28, 12, 14, 10, 12, 36]);
        sheet.Widths.AddRange(Enumerable.Range(0, counties.Count).SelectMany(_ => new double[] { 12, 9, 9, 7, 24, 12 }));
        sheet.Widths.Add(40);
        return sheet;
    }

    /// <summary>The lines of the CSV export (a total line per indicator, then a line per child), numbers as numbers.</summary>
    private static XlsxSheet Detail(Summary summary, IndicatorCatalog? catalog, IReadOnlyDictionary<string, OrgUnit> units, Labels text)
    {
        var sheet = new XlsxSheet(text.Pick("明细 lines", "Lines")) { FrozenRows = 1, AutoFilter = true };
        sheet.Rows.Add(SummaryLines.Columns.Select(c => XlsxCell.Text(text.Pick($"{c.Zh} {c.En}", c.En), header: true)).ToList());
        var names = summary.Rows.ToDictionary(r => r.Indicator, r => r.NameEn);
        foreach (var line in SummaryLines.Build(summary, units.ToDictionary(u => u.Key, u => text.English ? u.Value.NameEn : u.Value.NameZh)))
        {
            var places = catalog?.DisplayPrecision(line[1]) ?? 2;
            var cells = new XlsxCell?[line.Length];
            for (var i = 0; i < line.Length; i++)
            {
                var cellText = (text.English, i) switch
                {
                    (true, SummaryLines.NameColumn) => names.GetValueOrDefault(line[1], line[i]),
                    (_, SummaryLines.UnitColumn) => text.Unit(line[i]),
                    _ => line[i],
                };
                cells[i] = SummaryLines.NumberPlaces(i, places) is { } columnPlaces && DecimalText.TryParse(cellText, out var number)
                    ? XlsxCell.Number(number, columnPlaces)
                    : XlsxCell.Text(cellText);
            }
            sheet.Rows.Add(cells);
        }
        sheet.Widths.AddRange([8, 30, 24, 12, 10, 12, 14, 10, 10, 10, 10, 8, 8, 12, 8, 8, 8, 30, 40]);
        return sheet;
    }

    private static IEnumerable<string> Marks(ChildFigure child, Labels text)
    {
        if (child.Status == FigureStatus.Preliminary)
        {
            yield return text.Preliminary;
        }
        if (child.HasOpenWarnings)
        {
            yield return text.ToConfirm;
        }
        if (child.Late)
        {
            yield return text.Late;
        }
        if (child.Partial)
        {
            yield return text.Partial;
        }
    }

    private static string OrgName(string code, IReadOnlyDictionary<string, OrgUnit> units, Labels text) =>
        units.TryGetValue(code, out var unit) ? (text.English ? unit.NameEn : unit.NameZh) : code;

    /// <summary>The workbook's words in one language: Chinese headers carry their English beside them.</summary>
    private sealed record Labels(bool English)
    {
        public string Partial => English ? "partial" : "不完整";
        public string Preliminary => English ? "preliminary" : "预计";
        public string ToConfirm => English ? "to confirm" : "待核";
        public string Late => English ? "late" : "迟报";
        public string NotReported => English ? "not reported" : "未报送";
        public string Separator => English ? ", " : "、";

        public string Pick(string zh, string en) => English ? en : zh;

        public string Unit(string unit) => English ? EnglishUnits.Of(unit) : unit;
    }
}
