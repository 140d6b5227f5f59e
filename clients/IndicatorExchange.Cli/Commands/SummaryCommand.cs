using System.CommandLine;
using Google.Protobuf;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Input;
using IndicatorExchange.Cli.Outbox;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Spreadsheets;
using Spectre.Console;

namespace IndicatorExchange.Cli.Commands;

/// <summary>
/// <c>ixc summary --org 654000 --period 2023Q2 [--indicator GDP ...] [--format table|csv|json] [-o FILE] [--watch]</c>:
/// the roll-up of an org unit's children (totals, growth, shares, ranks, missing units, target progress).
/// </summary>
public static class SummaryCommand
{
    public static Command Build(CommandRunner runner)
    {
        var org = new Option<string>("--org") { Description = "Org unit to summarise over its children, e.g. 654000 (the prefecture)", Required = true, HelpName = "CODE" };
        var period = new Option<string>("--period") { Description = "Period code, e.g. 2022 or 2023Q2", Required = true, HelpName = "PERIOD" };
        var indicators = new Option<string[]>("--indicator", "-i") { Description = "Only these indicator codes (repeat, or several after one flag)", HelpName = "CODE", AllowMultipleArgumentsPerToken = true };
        var format = new Option<string>("--format", "-f") { Description = "table (default), csv or json (exact values, to stdout)", HelpName = "FORMAT", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "csv", "json");
        var output = new Option<string>("--output", "-o") { Description = "Also write the summary to a file: .xlsx (Excel), .csv or .json", HelpName = "FILE" };
        var watch = new Option<bool>("--watch", "-w") { Description = "Follow live updates (WatchSummary) and print the summary again on each change, until Ctrl+C" };
        var periodOnly = new Option<bool>("--period-only") { Description = "Values for the period alone (Q3 − Q2) instead of year to date" };
        var noChildren = new Option<bool>("--no-children") { Description = "Table format: only the overview, not each indicator's children" };
        var lang = new Option<string>("--lang") { Description = "Language of the Excel export: zh (default; Chinese names and units) or en (English headers, names, units and marks)", HelpName = "LANG", DefaultValueFactory = _ => "zh" };
        lang.AcceptOnlyFromAmong("zh", "en");
        var waitSequence = new Option<long>("--wait-sequence") { Description = "Wait (up to 60 s) until the summary includes this change-feed sequence, as printed by ixc push", HelpName = "N" };
        var command = new Command("summary", "Show the roll-up of an org unit for a period: totals, growth, shares, ranks, missing units, target progress")
        {
            org, period, indicators, format, output, watch, periodOnly, noChildren, waitSequence, lang,
        };
        runner.Bind(command, context => RunAsync(context, new SummaryRequest(
            context.Value(org)!, PeriodText.Parse(context.Value(period)!).Code,
            (context.Value(indicators) ?? []).Select(c => c.Trim().ToUpperInvariant()).ToArray(), context.Value(format) ?? "table",
            context.Value(output), context.Value(watch), context.Value(periodOnly), context.Value(noChildren), context.Value(waitSequence),
            context.Value(lang) == "en")));
        return command;
    }

    private sealed record SummaryRequest(string Org, string Period, string[] Indicators, string Format, string? Output, bool Watch, bool PeriodOnly, bool NoChildren, long WaitSequence, bool English);

    private static async Task<int> RunAsync(CommandContext context, SummaryRequest request)
    {
        if (request.Output is { } file && Path.GetExtension(file).ToLowerInvariant() is not (".xlsx" or ".csv" or ".json"))
        {
            throw new UsageException($"-o {file}: 只能写 .xlsx、.csv 或 .json / write .xlsx, .csv or .json.");
        }
        var xlsx = request.Output is { } target && Path.GetExtension(target).Equals(".xlsx", StringComparison.OrdinalIgnoreCase);
        // The catalog gives the names and precisions of the table and the workbook, and the report order of the rows.
        var catalog = request.Format == "table" || xlsx || request.Indicators.Length == 0 ? await context.Get<CatalogSource>().GetOrCachedAsync(context.Cancellation) : null;
        var units = await context.Get<OrgUnitNames>().AllAsync(context.Cancellation);
        var names = units.ToDictionary(u => u.Key, u => u.Value.NameZh);
        var values = request.PeriodOnly ? PeriodValues.PeriodOnly : PeriodValues.YearToDate;
        if (request.Watch)
        {
            var watchRequest = new WatchSummaryRequest { OrgUnit = request.Org, Period = request.Period, PeriodValues = values };
            watchRequest.Indicators.AddRange(request.Indicators);
            try
            {
                await foreach (var summary in context.Client.WatchSummaryAsync(watchRequest, context.Cancellation))
                {
                    await ShowAsync(context, request, summary, catalog, names, refresh: true);
                }
            }
            catch (OperationCanceledException) when (context.Cancellation.IsCancellationRequested)
            {
                // Ctrl+C ends watching.
            }
            return ExitCodes.Ok;
        }
        var getRequest = new GetSummaryRequest { OrgUnit = request.Org, Period = request.Period, PeriodValues = values };
        getRequest.Indicators.AddRange(request.Indicators);
        var result = await context.Client.GetSummaryAsync(getRequest, context.Cancellation);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (result.AsOfSequence < request.WaitSequence && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250, context.Cancellation);
            result = await context.Client.GetSummaryAsync(getRequest, context.Cancellation);
        }
        if (result.AsOfSequence < request.WaitSequence)
        {
            context.Terminal.Fail($"The summary reached feed sequence {result.AsOfSequence}, not {request.WaitSequence}, within 60 s; showing it as it is.");
        }
        await ShowAsync(context, request, result, catalog, names, refresh: false);
        return ExitCodes.Ok;
    }

    private static async Task ShowAsync(CommandContext context, SummaryRequest request, Summary summary, IndicatorCatalog? catalog,
        IReadOnlyDictionary<string, string> names, bool refresh)
    {
        InReportOrder(summary, request.Indicators, catalog);
        var terminal = context.Terminal;
        switch (request.Format)
        {
            case "json":
                // One summary per line when watching (NDJSON), indented otherwise.
                terminal.Line((refresh ? JsonFormatter.Default : new JsonFormatter(JsonFormatter.Settings.Default.WithIndentation())).Format(summary));
                break;
            case "csv":
                terminal.Output.Write(SummaryLines.Csv(summary, names));
                break;
            default:
                if (refresh && terminal.Interactive)
                {
                    terminal.Console.Clear();
                }
                else if (refresh)
                {
                    terminal.Line($"--- {Display.Time(DateTimeOffset.UtcNow)} ---");
                }
                foreach (var renderable in SummaryTable.Render(summary, catalog, names, !request.NoChildren))
                {
                    terminal.Console.Write(renderable);
                    terminal.Console.WriteLine();
                }
                break;
        }
        if (request.Output is { } file)
        {
            await WriteFileAsync(file, summary, catalog, await context.Get<OrgUnitNames>().AllAsync(context.Cancellation), request.English, context.Cancellation);
            if (request.Format == "table")
            {
                terminal.Line($"已导出 Wrote {Path.GetFullPath(file)}.");
            }
        }
    }

    /// <summary>
    /// The rows in the order of <c>-i A B</c> when given, otherwise in the catalog's report order (GDP first; by code when
    /// no catalog could be read); the service sorts them by code.
    /// </summary>
    public static void InReportOrder(Summary summary, IReadOnlyList<string> indicators, IndicatorCatalog? catalog)
    {
        var order = indicators.Count > 0 ? indicators : catalog?.Indicators.Select(i => i.Code).ToList();
        var rows = ReportOrder.Sort(summary.Rows, r => r.Indicator, order).ToList();
        summary.Rows.Clear();
        summary.Rows.AddRange(rows);
    }

    private static async Task WriteFileAsync(string file, Summary summary, IndicatorCatalog? catalog, IReadOnlyDictionary<string, OrgUnit> units,
        bool english, CancellationToken cancellation)
    {
        var names = units.ToDictionary(u => u.Key, u => u.Value.NameZh);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        switch (Path.GetExtension(file).ToLowerInvariant())
        {
            case ".xlsx":
                await XlsxWriter.WriteAsync(file, SummaryWorkbook.Build(summary, catalog, units, english), cancellation);
                break;
            case ".csv":
                await File.WriteAllTextAsync(file, SummaryLines.Csv(summary, names), new System.Text.UTF8Encoding(true), cancellation);
                break;
            default:
                await File.WriteAllTextAsync(file, new JsonFormatter(JsonFormatter.Settings.Default.WithIndentation()).Format(summary), cancellation);
                break;
        }
    }
}
