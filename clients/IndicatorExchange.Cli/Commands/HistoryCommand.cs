using System.CommandLine;
using System.Globalization;
using Google.Protobuf;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Input;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;
using Spectre.Console;

namespace IndicatorExchange.Cli.Commands;

/// <summary><c>ixc history --org X --period P --indicator CODE</c>: every revision of one figure, oldest first.</summary>
public static class HistoryCommand
{
    public static Command Build(CommandRunner runner)
    {
        var org = new Option<string>("--org") { Description = "Org unit code", Required = true, HelpName = "CODE" };
        var period = new Option<string>("--period") { Description = "Period code", Required = true, HelpName = "PERIOD" };
        var indicator = new Option<string>("--indicator", "-i") { Description = "Indicator code, e.g. GDP", Required = true, HelpName = "CODE" };
        var format = new Option<string>("--format", "-f") { Description = "table (default) or json", HelpName = "FORMAT", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("history", "Show every revision of one figure: values, who sent them, when, warnings") { org, period, indicator, format };
        runner.Bind(command, context => RunAsync(context, context.Value(org)!, PeriodText.Parse(context.Value(period)!).Code,
            context.Value(indicator)!.Trim().ToUpperInvariant(), context.Value(format) ?? "table"));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, string org, string period, string indicator, string format)
    {
        var revisions = await context.Client.GetFigureHistoryAsync(org, period, indicator, context.Cancellation);
        if (format == "json")
        {
            context.Terminal.Line("[" + string.Join(",\n", revisions.Select(r => JsonFormatter.Default.Format(r))) + "]");
            return ExitCodes.Ok;
        }
        var table = Display.Table("修订 rev", "报送值 sent", "标准值 value", "同比% growth", "状态 status", "备注 note", "接收 received (UTC+8)", "提交人 by", "请求 request", "警告 warnings");
        foreach (var figure in revisions)
        {
            table.AddRow(Display.Cells(
                figure.Revision.ToString(CultureInfo.InvariantCulture),
                $"{figure.Sent?.Value?.Value} {figure.Sent?.Unit}", $"{figure.Value?.Value?.Value} {figure.Value?.Unit}",
                Display.Exact(figure.YoyGrowthPct), Display.Status(figure.Status), figure.Note, Display.Time(figure.ReceivedAt),
                figure.SubmittedBy, figure.RequestId,
                string.Join("\n", figure.Warnings.Select(w => $"{w.Rule}{(w.Confirmed ? " (confirmed)" : "")}: {w.Message}"))));
        }
        context.Terminal.Line($"{org} {period} {indicator}: {revisions.Count} revision(s)");
        context.Terminal.Console.Write(table);
        return ExitCodes.Ok;
    }
}
