using System.CommandLine;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Input;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Periods;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;
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

        var rows = indicators.Select(indicator =>
        {
            reported.TryGetValue(indicator.Code, out var figure);
            return new Dictionary<string, object?>
            {
                [FigureHeaders.HeaderOf(FigureColumn.OrgCode)] = org,
                [FigureHeaders.HeaderOf(FigureColumn.OrgName)] = unit.NameZh,
                [FigureHeaders.HeaderOf(FigureColumn.Period)] = periodCode,
                [FigureHeaders.HeaderOf(FigureColumn.Code)] = indicator.Code,
                [FigureHeaders.HeaderOf(FigureColumn.NameZh)] = indicator.NameZh,
                [FigureHeaders.HeaderOf(FigureColumn.NameEn)] = indicator.NameEn,
                [FigureHeaders.HeaderOf(FigureColumn.Unit)] = figure?.Sent.Unit ?? indicator.Unit,
                [FigureHeaders.HeaderOf(FigureColumn.Value)] = figure?.Sent.Value.Value,
                [FigureHeaders.HeaderOf(FigureColumn.Growth)] = figure?.YoyGrowthPct?.Value,
                [FigureHeaders.HeaderOf(FigureColumn.Status)] = figure is null ? null : StatusText(figure.Status),
                [FigureHeaders.HeaderOf(FigureColumn.Note)] = figure?.Note is { Length: > 0 } note ? note : null,
                [FigureHeaders.HeaderOf(FigureColumn.AcceptedUnits)] = string.Join(" / ", indicator.AcceptedUnits),
            };
        }).ToList();

        var sheets = new Dictionary<string, object>
        {
            ["填报 figures"] = rows,
            ["说明 readme"] = Readme(org, unit.NameZh, periodCode, indicators.Count, reported.Count),
        };
        var directory = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Directory.CreateDirectory(directory);
        await MiniExcel.SaveAsAsync(file, sheets, configuration: Layout(), overwriteFile: true, cancellationToken: context.Cancellation);
        context.Terminal.Line($"已生成 Wrote {file}: {indicators.Count} indicators for {org} {unit.NameZh} {periodCode}" +
                              (reported.Count > 0 ? $", {reported.Count} already reported and filled in." : "."));
        context.Terminal.Line($"填写数值后 Fill in the 数值 value column, then: ixc push {file}");
        return ExitCodes.Ok;
    }

    /// <summary>Whether an indicator may be reported for the period (an empty list means annual and quarterly; no January for 1-2月 indicators).</summary>
    public static bool Allows(Indicator indicator, Period period)
    {
        var kind = period.Kind switch
        {
            PeriodKind.Annual => ProtoPeriodKind.Annual,
            PeriodKind.Quarterly => ProtoPeriodKind.Quarterly,
            _ => ProtoPeriodKind.Monthly,
        };
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

    private static List<Dictionary<string, object?>> Readme(string org, string orgName, string period, int indicators, int reported) =>
    [
        Line("单位 org unit", $"{org} {orgName}"),
        Line("报告期 period", period),
        Line("指标 indicators", $"{indicators} ({reported} already reported, filled in)"),
        Line("填写 how to fill", "填写“数值 value”列；单位可改为“可选单位”中的任一单位。Fill in the value column; the unit may be any of the accepted units."),
        Line("同比增长", "百分数，3 表示增长 3%。Year-on-year growth in percent: 3 means +3%. Leave empty when not reported."),
        Line("状态 status", "reported 上报 (default), preliminary 预计, final 核定"),
        Line("空行 empty rows", "没有数值的行不提交。Rows without a value are not sent."),
        Line("提交 push", $"ixc push FILE.xlsx  (ixc push FILE.xlsx --dry-run only checks)"),
    ];

    private static Dictionary<string, object?> Line(string item, string text) => new() { ["项目 item"] = item, ["说明 text"] = text };

    private static OpenXmlConfiguration Layout() => new()
    {
        FreezeRowCount = 1,
        AutoFilter = true,
        DynamicColumns =
        [
            Width(FigureColumn.OrgCode, 14), Width(FigureColumn.OrgName, 12), Width(FigureColumn.Period, 10), Width(FigureColumn.Code, 30),
            Width(FigureColumn.NameZh, 28), Width(FigureColumn.NameEn, 40), Width(FigureColumn.Unit, 10), Width(FigureColumn.Value, 14),
            Width(FigureColumn.Growth, 16), Width(FigureColumn.Status, 12), Width(FigureColumn.Note, 30), Width(FigureColumn.AcceptedUnits, 30),
            new DynamicExcelColumn("项目 item") { Width = 18 }, new DynamicExcelColumn("说明 text") { Width = 100 },
        ],
    };

    private static DynamicExcelColumn Width(FigureColumn column, double width) => new(FigureHeaders.HeaderOf(column)) { Width = width };
}
