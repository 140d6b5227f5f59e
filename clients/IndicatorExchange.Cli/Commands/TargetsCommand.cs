using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using Grpc.Core;
using IndicatorExchange.Admin.Targets;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Input;
using IndicatorExchange.Cli.Outbox;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Csv;
using IndicatorExchange.Domain.Targets;
using Spectre.Console;

namespace IndicatorExchange.Cli.Commands;

/// <summary>
/// <c>ixc targets import FILE.csv [--dry-run]</c> (a CSV shaped like seed-targets-2023.csv, one atomic and idempotent
/// SetTargets per org unit and year) and <c>ixc targets list</c>.
/// </summary>
public static partial class TargetsCommand
{
    public static Command Build(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "CSV with org_code, indicator_name_zh (or indicator), year, target_kind, value, unit, remark" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate with the service and show what would change; write nothing" };
        var reason = new Option<string>("--reason") { Description = "Why the targets are set, kept with each revision (default: imported from FILE)", HelpName = "TEXT" };
        var import = new Command("import", "Set the targets of a CSV file (growth, value, rate floors and ceilings) per org unit and year") { file, dryRun, reason };
        runner.Bind(import, context => ImportAsync(context, context.Value(file)!, context.Value(dryRun), context.Value(reason)));

        var org = new Option<string>("--org") { Description = "Only targets of this org unit", HelpName = "CODE" };
        var year = new Option<int>("--year") { Description = "Only targets for this year", HelpName = "YEAR" };
        var indicator = new Option<string>("--indicator", "-i") { Description = "Only targets of this indicator code", HelpName = "CODE" };
        var list = new Command("list", "List the current targets") { org, year, indicator };
        runner.Bind(list, context => ListAsync(context, context.Value(org) ?? "", context.Value(year), context.Value(indicator) ?? ""));

        return new Command("targets", "Annual targets (预期目标): import from CSV, list") { import, list };
    }

    private static async Task<int> ImportAsync(CommandContext context, string file, bool dryRun, string? reason)
    {
        var terminal = context.Terminal;
        if (!File.Exists(file))
        {
            throw new UsageException($"找不到文件 {file} / No such file: {file}");
        }
        var catalog = await context.Get<CatalogSource>().GetAsync(context.Cancellation);
        IReadOnlyList<TargetRow> rows;
        try
        {
            rows = TargetCsv.Read(CsvTable.Parse(CsvText.Read(file).Text), name => catalog.ByName(name)?.Code);
        }
        catch (Exception exception) when (exception is InvalidDataException or FormatException or KeyNotFoundException or ArgumentException)
        {
            terminal.Fail($"{file}: 无法读取 cannot be read; nothing was sent:");
            foreach (var line in exception.Message.Split(Environment.NewLine))
            {
                terminal.Fail($"  {line}");
            }
            return ExitCodes.Usage;
        }
        var hash = (await TargetImport.ContentHashAsync(file, context.Cancellation)).ToLowerInvariant();
        var exit = ExitCodes.Ok;
        var batches = TargetImport.Batches(rows, (org, year) => dryRun ? $"ixc-dry-run-{Guid.NewGuid():N}" : $"ixc-targets-{hash}-{org}-{year}",
            reason ?? $"imported from {Path.GetFileName(file)} with ixc", dryRun);
        foreach (var batch in batches)
        {
            var lines = batch.Rows;
            try
            {
                var summary = (await context.Client.SetTargetsAsync(batch.Request, context.Cancellation)).Summary;
                terminal.Line(dryRun
                    ? $"试运行 Dry run {batch.Scope}: would create {summary.Created}, update {summary.Updated}, leave {summary.Unchanged} unchanged."
                    : $"已设定 {batch.Scope}: {summary.Created} created, {summary.Updated} updated, {summary.Unchanged} unchanged.");
                foreach (var issue in summary.Issues)
                {
                    terminal.Line($"  warning {Locate(lines, issue.Index, issue.Field) ?? issue.Field}: {issue.Reason}: {issue.Message}");
                }
            }
            catch (RpcException exception) when (!Failures.IsUnreachable(exception))
            {
                terminal.Fail($"{batch.Scope} (lines {string.Join(", ", lines.Select(l => l.Line))}):");
                RejectionReport.Write(terminal, exception, field => Locate(lines, -1, field), index => Locate(lines, index, ""), nothingWritten: true);
                exit = ExitCodes.Rejected;
            }
        }
        return exit;
    }

    private static async Task<int> ListAsync(CommandContext context, string org, int year, string indicator)
    {
        var targets = new List<Target>();
        var token = "";
        do
        {
            var page = await context.Client.Targets.ListTargetsAsync(new ListTargetsRequest
            {
                OrgUnit = org, Year = year, Indicator = indicator.ToUpperInvariant(), PageSize = 1000, PageToken = token,
            }, cancellationToken: context.Cancellation);
            targets.AddRange(page.Targets);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        var table = Display.Table("地区 org unit", "年 year", "指标 indicator", "目标 target", "标准化 normalised", "修订 rev", "备注 note");
        // By org unit and year, then in the catalog's report order (GDP first) rather than the service's order by code.
        var catalog = await context.Get<CatalogSource>().GetOrCachedAsync(context.Cancellation);
        var ordered = ReportOrder.Sort(targets, t => t.Definition.Indicator, catalog?.Indicators.Select(i => i.Code).ToList())
            .OrderBy(t => t.Definition.OrgUnit, StringComparer.Ordinal).ThenBy(t => t.Definition.Year);
        foreach (var target in ordered)
        {
            var definition = target.Definition;
            table.AddRow(Display.Cells(definition.OrgUnit, definition.Year.ToString(CultureInfo.InvariantCulture), definition.Indicator,
                $"{Display.TargetKind(definition.Kind)} {definition.Threshold?.Value}{Unit(definition.Unit)}",
                $"{target.NormalisedThreshold?.Value}{Unit(target.CanonicalUnit)}", target.Revision.ToString(CultureInfo.InvariantCulture), definition.Note));
        }
        context.Terminal.Console.Write(table);
        context.Terminal.Line($"{targets.Count} targets.");
        return ExitCodes.Ok;
    }

    private static string Unit(string unit) => unit == "%" ? "%" : " " + unit;

    /// <summary>"line 7 GDP" for targets[i] (or an issue index) within one request.</summary>
    private static string? Locate(IReadOnlyList<TargetRow> lines, int index, string field)
    {
        var match = TargetField().Match(field);
        if (match.Success)
        {
            index = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }
        return index >= 0 && index < lines.Count ? $"line {lines[index].Line} {lines[index].Indicator}" : null;
    }

    [GeneratedRegex(@"^targets\[(\d+)\]")]
    private static partial Regex TargetField();
}
