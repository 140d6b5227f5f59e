using System.CommandLine;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Contracts.Indicator.V1;
using Spectre.Console;

namespace IndicatorExchange.Cli.Commands;

/// <summary><c>ixc periods [--year 2023] [--open]</c>: the reporting periods, open or closed, with their deadlines.</summary>
public static class PeriodsCommand
{
    public static Command Build(CommandRunner runner)
    {
        var year = new Option<int?>("--year") { Description = "Only the periods of this year", HelpName = "YEAR" };
        var open = new Option<bool>("--open") { Description = "Only periods open for submissions" };
        var command = new Command("periods", "List the reporting periods: open or closed, deadline (UTC+8)") { year, open };
        runner.Bind(command, context => RunAsync(context, context.Value(year), context.Value(open)));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, int? year, bool onlyOpen)
    {
        var periods = new List<ReportingPeriod>();
        var token = "";
        do
        {
            var page = await context.Client.Indicators.ListPeriodsAsync(new ListPeriodsRequest { PageSize = 1000, PageToken = token }, cancellationToken: context.Cancellation);
            periods.AddRange(page.Periods);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        var shown = periods
            .Where(p => year is null || p.Code.StartsWith(year.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal))
            .Where(p => !onlyOpen || p.State == PeriodState.Open)
            .ToList();
        var table = Display.Table("报告期 period", "状态 state", "截止 deadline (UTC+8)", "开放于 opened", "关闭于 closed");
        foreach (var period in shown)
        {
            table.AddRow(Display.Cells(period.Code, period.State == PeriodState.Open ? "开放 open" : "关闭 closed",
                Display.Time(period.Deadline), Display.Time(period.OpenedAt), Display.Time(period.ClosedAt)));
        }
        context.Terminal.Console.Write(table);
        context.Terminal.Line($"{shown.Count} of {periods.Count} periods.");
        return ExitCodes.Ok;
    }
}
