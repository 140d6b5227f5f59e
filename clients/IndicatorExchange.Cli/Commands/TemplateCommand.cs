using System.CommandLine;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Input;
using IndicatorExchange.Cli.Outbox;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Spreadsheets;
using ProtoPeriodKind = IndicatorExchange.Contracts.Common.V1.PeriodKind;

namespace IndicatorExchange.Cli.Commands;

/// <summary>
/// <c>ixc template --org 654025 --period 2023Q3 -o figures.xlsx</c>: an Excel workbook listing the catalog's
/// indicators that may be reported for the period, with the org unit and period filled in, the canonical unit
/// proposed and the accepted units listed; figures already reported are filled in.
/// </summary>
public static class TemplateCommand
{
    public static Command Build(CommandRunner runner)
    {
        var org = new Option<string>("--org") { Description = "Administrative division code of the reporting county, e.g. 654025", Required = true, HelpName = "CODE" };
        var period = new Option<string>("--period") { Description = "Period code: 2023, 2023Q3 or 2023M09", Required = true, HelpName = "PERIOD" };
        var output = new Option<string>("--output", "-o") { Description = "The .xlsx file to write (default figures-ORG-PERIOD.xlsx); replaced when it exists", HelpName = "FILE" };
        var command = new Command("template", "Write an Excel template (中文/English headers) of the indicators to report for an org unit and period")
        {
            org, period, output,
        };
        runner.Bind(command, context => RunAsync(context, context.Value(org)!, context.Value(period)!, context.Value(output)));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, string org, string periodCode, string? output)
    {
        (periodCode, var period) = PeriodText.Parse(periodCode);
        var file = output ?? $"figures-{org}-{periodCode}.xlsx";
        if (!Path.GetExtension(file).Equals(".xlsx", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"-o {file}: 模板是 .xlsx 文件 / the template is an .xlsx file.");
        }
        var client = context.Client;
        var unit = (await client.Indicators.GetOrgUnitAsync(new GetOrgUnitRequest { Code = org }, cancellationToken: context.Cancellation)).OrgUnit;
        var catalog = await context.Get<CatalogSource>().GetAsync(context.Cancellation);
        var indicators = catalog.Indicators.Where(i => Allows(i, period)).ToList();
        var reported = await ReportedAsync(context, org, periodCode);

        var figures = new XlsxSheet("填报 figures") { FrozenRows = 1, AutoFilter = true };
        figures.Rows.Add(Columns.Select(c => XlsxCell.Text(FigureHeaders.HeaderOf(c.Column), header: true)).ToList());
        figures.Widths.AddRange(Columns.Select(c => c.Width));
        foreach (var indicator in indicators)
        {
            reported.TryGetValue(indicator.Code, out var figure);
            var unitSent = figure?.Sent.Unit ?? indicator.Unit;
            figures.Add(
                XlsxCell.Text(org), XlsxCell.Text(unit.NameZh), XlsxCell.Text(periodCode), XlsxCell.Text(indicator.Code), XlsxCell.Text(indicator.NameZh),
                XlsxCell.Text(indicator.NameEn), XlsxCell.Text(unitSent),
                WireCells.Number(figure?.Sent.Value, Display.PlacesIn(indicator.DisplayPrecision, indicator.Unit, unitSent)),
                WireCells.Number(figure?.YoyGrowthPct, 2),
                XlsxCell.Text(figure is null ? null : StatusText(figure.Status)), XlsxCell.Text(figure?.Note),
                XlsxCell.Text(string.Join(" / ", indicator.AcceptedUnits)));
        }
        var readme = new XlsxSheet("说明 readme") { FrozenRows = 1 };
        readme.Add(XlsxCell.Text("项目 item", header: true), XlsxCell.Text("说明 text", header: true));
        foreach (var (item, text) in Readme(org, unit.NameZh, periodCode, indicators.Count, reported.Count))
        {
            readme.Add(XlsxCell.Text(item), XlsxCell.Text(text));
        }
        readme.Widths.AddRange([18, 100]);
        await XlsxWriter.WriteAsync(file, [figures, readme], context.Cancellation);
        context.Terminal.Line($"已生成 Wrote {Path.GetFullPath(file)}: {indicators.Count} indicators for {org} {unit.NameZh} {periodCode}" +
                              (reported.Count > 0 ? $", {reported.Count} already reported and filled in." : "."));
        context.Terminal.Line($"填写数值后 Fill in the 数值 value column, then: ixc push {file}");
        return ExitCodes.Ok;
    }

    /// <summary>Whether an indicator may be reported for the period (an empty list means annual and quarterly; no January for 1-2月 indicators).</summary>
    public static bool Allows(Indicator indicator, Period period)
    {
        var kind = period.Kind.ToProto();
        var allowed = indicator.Periodicities.Count == 0 ? [ProtoPeriodKind.Annual, ProtoPeriodKind.Quarterly] : indicator.Periodicities.ToList();
        return allowed.Contains(kind) && !(period.Kind == PeriodKind.Monthly && period.Number == 1 && indicator.JanFebCombined);
    }

    private static async Task<Dictionary<string, Figure>> ReportedAsync(CommandContext context, string org, string period)
    {
        var figures = new Dictionary<string, Figure>();
        var token = "";
        do
        {
            var page = await context.Client.Indicators.ListFiguresAsync(
                new ListFiguresRequest { OrgUnit = org, Period = period, PageSize = 1000, PageToken = token }, cancellationToken: context.Cancellation);
            foreach (var figure in page.Figures)
            {
                figures[figure.Indicator] = figure;
            }
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return figures;
    }

    private static string StatusText(Contracts.Common.V1.FigureStatus status) => status switch
    {
        Contracts.Common.V1.FigureStatus.Preliminary => "preliminary",
        Contracts.Common.V1.FigureStatus.Final => "final",
        _ => "reported",
    };

    private static List<(string Item, string Text)> Readme(string org, string orgName, string period, int indicators, int reported) =>
    [
        ("单位 org unit", $"{org} {orgName}"),
        ("报告期 period", period),
        ("指标 indicators", $"{indicators} ({reported} already reported, filled in)"),
        ("填写 how to fill", "填写“数值 value”列；单位可改为“可选单位”中的任一单位。Fill in the value column; the unit may be any of the accepted units."),
        ("同比增长", "百分数，3 表示增长 3%。Year-on-year growth in percent: 3 means +3%. Leave empty when not reported."),
        ("状态 status", "reported 上报 (default), preliminary 预计, final 核定"),
        ("空行 empty rows", "没有数值的行不提交。Rows without a value are not sent."),
        ("数字 numbers", "已填的数值是数字单元格，显示指标的小数位数，保存的是准确值。Values filled in are number cells shown with the indicator's precision; the cell holds the exact value."),
        ("提交 push", "ixc push FILE.xlsx  (ixc push FILE.xlsx --dry-run only checks)"),
    ];

    /// <summary>The template's columns, in order, with their widths.</summary>
    private static readonly (FigureColumn Column, double Width)[] Columns =
    [
        (FigureColumn.OrgCode, 14), (FigureColumn.OrgName, 12), (FigureColumn.Period, 10), (FigureColumn.Code, 30), (FigureColumn.NameZh, 28),
        (FigureColumn.NameEn, 40), (FigureColumn.Unit, 10), (FigureColumn.Value, 14), (FigureColumn.Growth, 16), (FigureColumn.Status, 12),
        (FigureColumn.Note, 30), (FigureColumn.AcceptedUnits, 30),
    ];

}
