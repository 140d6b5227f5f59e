using System.CommandLine;
using Google.Protobuf;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Input;
using IndicatorExchange.Cli.Outbox;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Contracts.Common.V1;
using Spectre.Console;

namespace IndicatorExchange.Cli.Commands;

/// <summary><c>ixc catalog [--period P] [--format table|json]</c>: the indicators, their units and periodicities.</summary>
public static class CatalogCommand
{
    public static Command Build(CommandRunner runner)
    {
        var period = new Option<string>("--period") { Description = "Only indicators that may be reported for this period, e.g. 2023Q3", HelpName = "PERIOD" };
        var format = new Option<string>("--format", "-f") { Description = "table (default) or json", HelpName = "FORMAT", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("catalog", "List the indicators: codes, names, canonical and accepted units, periodicities") { period, format };
        runner.Bind(command, context => RunAsync(context, context.Value(period)?.Trim().ToUpperInvariant(), context.Value(format) ?? "table"));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, string? periodCode, string format)
    {
        var catalog = await context.Get<CatalogSource>().GetAsync(context.Cancellation);
        var indicators = catalog.Indicators.ToList();
        if (periodCode is not null)
        {
            var (_, period) = PeriodText.Parse(periodCode);
            indicators = indicators.Where(i => TemplateCommand.Allows(i, period)).ToList();
        }
        if (format == "json")
        {
            context.Terminal.Line("[" + string.Join(",\n", indicators.Select(i => JsonFormatter.Default.Format(i))) + "]");
            return ExitCodes.Ok;
        }
        var table = Display.Table("代码 code", "名称 name", "单位 unit", "可选单位 accepted units", "周期 periods", "汇总 roll-up");
        foreach (var indicator in indicators)
        {
            table.AddRow(Display.Cells(
                indicator.Code, $"{indicator.NameZh}\n{indicator.NameEn}", indicator.Unit, string.Join(" / ", indicator.AcceptedUnits),
                string.Join(" ", indicator.Periodicities.Select(Periodicity)),
                indicator.Aggregation.ToString().ToLowerInvariant() + (indicator.WeightIndicator.Length > 0 ? $" by {indicator.WeightIndicator}" : "")));
        }
        context.Terminal.Console.Write(table);
        context.Terminal.Line($"{indicators.Count} indicators.");
        return ExitCodes.Ok;
    }

    private static string Periodicity(PeriodKind kind) => kind switch
    {
        PeriodKind.Annual => "年 annual",
        PeriodKind.Quarterly => "季 quarterly",
        PeriodKind.Monthly => "月 monthly",
        _ => "",
    };
}
