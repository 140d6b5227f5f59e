using System.CommandLine;
using Grpc.Core;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Input;
using IndicatorExchange.Cli.Outbox;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;

namespace IndicatorExchange.Cli.Commands;

/// <summary>
/// <c>ixc push FILE.xlsx|FILE.csv [--org X --period P] [--dry-run] [--strict]</c>: reads the file, reports rows that
/// cannot be read (exit 2, nothing sent), delivers what waits in the outbox, then sends the figures as one atomic,
/// idempotent upload; when the service cannot be reached the upload is queued in the outbox (exit 3).
/// </summary>
public static class PushCommand
{
    public static Command Build(CommandRunner runner)
    {
        var file = new Argument<string>("FILE") { Description = "An .xlsx (first sheet, or --sheet) or .csv file with Chinese or English headers, e.g. an ixc template or seed-figures-2022.csv" };
        var org = new Option<string>("--org") { Description = "Org unit for rows without an org_code column or cell; rows naming another org unit are left out (and counted), so one county's rows can be pushed from a workbook holding several", HelpName = "CODE" };
        var period = new Option<string>("--period") { Description = "Period for rows without a period column or cell (a different cell is an error)", HelpName = "PERIOD" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Validate with the service (validate_only) and show what would change; write nothing, queue nothing" };
        var strict = new Option<bool>("--strict") { Description = "Exit 4 when the service accepted the figures with quality warnings" };
        var sheet = new Option<string>("--sheet") { Description = "Worksheet to read (default: the first)", HelpName = "NAME" };
        var requestId = new Option<string>("--request-id") { Description = "Request id to use instead of the one derived from the content (to resend identical content as a new submission)", HelpName = "ID" };
        var command = new Command("push", "Send the figures of an Excel or CSV file (queued in the outbox when the service is unreachable)")
        {
            file, org, period, dryRun, strict, sheet, requestId,
        };
        runner.Bind(command, context => RunAsync(context, new PushRequest(
            context.Value(file)!, context.Value(org), context.Value(period), context.Value(dryRun), context.Value(strict), context.Value(sheet), context.Value(requestId))));
        return command;
    }

    private sealed record PushRequest(string File, string? Org, string? Period, bool DryRun, bool Strict, string? Sheet, string? RequestId);

    private static async Task<int> RunAsync(CommandContext context, PushRequest request)
    {
        var terminal = context.Terminal;
        if (!File.Exists(request.File))
        {
            throw new UsageException($"找不到文件 {request.File} / No such file: {request.File}");
        }
        var sheet = FigureSheetReader.Read(request.File, request.Sheet);
        var catalog = await context.Get<CatalogSource>().GetOrCachedAsync(context.Cancellation);
        if (catalog?.CachedAt is { } cachedAt)
        {
            terminal.Line($"服务不可达 Service unreachable: indicator names are read with the catalog cached on {Display.Time(cachedAt)}.");
        }
        if (sheet.Note is { } note)
        {
            terminal.Line($"{Path.GetFileName(request.File)}: {note}");
        }
        var read = FigureRows.Read(sheet, catalog, request.Org?.Trim(), request.Period?.Trim().ToUpperInvariant());
        if (read.Problems.Count > 0)
        {
            terminal.Fail($"{request.File}: {read.Problems.Count} 行无法读取 row problem(s); nothing was sent:");
            foreach (var problem in read.Problems)
            {
                terminal.Fail($"  {problem}");
            }
            return ExitCodes.Usage;
        }
        if (read.OtherUnitRows > 0)
        {
            terminal.Line($"已略过其他单位的 {read.OtherUnitRows} 行 / Left out {read.OtherUnitRows} rows of other units " +
                          $"({string.Join(", ", read.OtherUnits.Select(u => $"{u.Key}: {u.Value}"))}); sending only the rows of {request.Org}.");
        }
        if (read.Figures.Count == 0)
        {
            throw new UsageException($"{request.File}: 没有填写数值的行，未发送 / no row has a value ({read.RowsWithoutValue} rows without one); nothing to send.");
        }
        var plan = UploadPlan.Build(request.File, read.Figures, request.DryRun ? $"ixc-dry-run-{Guid.NewGuid():N}" : request.RequestId);
        terminal.Line($"读取 Read {plan.FigureCount} figures from {Path.GetFileName(request.File)} ({plan.Scope()})" +
                      (read.RowsWithoutValue > 0 ? $"; {read.RowsWithoutValue} rows without a value skipped." : "."));
        var exit = request.DryRun ? await DryRunAsync(context, plan) : await PushAsync(context, plan, request.Strict);
        if (exit == ExitCodes.Rejected && request.Org is null && OrgUnits(plan) is { Count: > 1 } units)
        {
            terminal.Fail($"提示：文件包含 {units.Count} 个单位的数据（{string.Join("、", units)}），可用 --org 只推送其中一个单位 / " +
                          $"Hint: the file holds rows of {units.Count} org units ({string.Join(", ", units)}); push one unit's rows with --org CODE " +
                          "(the others are left out and counted).");
        }
        return exit;
    }

    private static List<string> OrgUnits(UploadPlan plan) => plan.Batches.Select(b => b.OrgUnit).Distinct().ToList();

    private static async Task<int> DryRunAsync(CommandContext context, UploadPlan plan)
    {
        try
        {
            var response = await context.Get<UploadDelivery>().SendAsync(plan, validateOnly: true, context.Cancellation);
            ImportReport.WriteAccepted(context.Terminal, plan, response, dryRun: true);
            return ExitCodes.Ok;
        }
        catch (Exception exception) when (Failures.IsUnreachable(exception))
        {
            context.Terminal.Fail($"服务不可达 Service unreachable: {Failures.Describe(exception)}. Dry run: nothing queued.");
            return ExitCodes.Unreachable;
        }
        catch (RpcException exception)
        {
            ImportReport.WriteRejected(context.Terminal, plan, exception);
            return ExitCodes.Rejected;
        }
    }

    private static async Task<int> PushAsync(CommandContext context, UploadPlan plan, bool strict)
    {
        var terminal = context.Terminal;
        var store = context.Get<OutboxStore>();
        var delivery = context.Get<UploadDelivery>();
        var flushed = await delivery.FlushAsync(context.Cancellation, quietWhenEmpty: true);
        if (flushed.Unreachable)
        {
            return await QueueAsync(context, plan, "older uploads are still waiting");
        }
        var earlier = await store.FindDeliveryAsync(plan.RequestId);
        if (earlier is not null)
        {
            terminal.Line($"已推送过 This content was already delivered on {Display.Time(earlier.DeliveredAt)} ({earlier.File}); " +
                          "pushing it again writes nothing (use --request-id to resend it as a new submission).");
        }
        try
        {
            var response = await delivery.SendAsync(plan, validateOnly: false, context.Cancellation);
            await store.RecordDeliveryAsync(plan);
            ImportReport.WriteAccepted(terminal, plan, response, dryRun: false, replayed: earlier is not null);
            if (flushed.Rejected > 0)
            {
                return ExitCodes.Rejected;
            }
            return strict && response.Summary.Issues.Count > 0 ? ExitCodes.Warnings : ExitCodes.Ok;
        }
        catch (Exception exception) when (Failures.IsUnreachable(exception))
        {
            return await QueueAsync(context, plan, Failures.Describe(exception));
        }
        catch (RpcException exception)
        {
            ImportReport.WriteRejected(terminal, plan, exception);
            return ExitCodes.Rejected;
        }
    }

    private static async Task<int> QueueAsync(CommandContext context, UploadPlan plan, string why)
    {
        var store = context.Get<OutboxStore>();
        var (id, already) = await store.EnqueueAsync(plan);
        context.Terminal.Fail($"服务不可达 Service unreachable ({why}).");
        context.Terminal.Fail(already
            ? $"已在发件箱 Already queued as #{id} in {store.Path}; ixc outbox flush (or the next push) delivers it."
            : $"已存入发件箱 Queued as #{id} ({plan.FigureCount} figures) in {store.Path}; ixc outbox flush (or the next push) delivers it exactly once.");
        return ExitCodes.Unreachable;
    }
}
