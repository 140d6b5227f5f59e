using System.CommandLine;
using System.Globalization;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Outbox;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;
using Spectre.Console;

namespace IndicatorExchange.Cli.Commands;

/// <summary><c>ixc outbox list | flush | remove ID</c>: the uploads queued while the service was unreachable.</summary>
public static class OutboxCommand
{
    public static Command Build(CommandRunner runner)
    {
        var list = new Command("list", "Show the uploads waiting in the outbox, in delivery order");
        runner.Bind(list, ListAsync);

        var flush = new Command("flush", "Deliver the queued uploads in order, each exactly once; exit 3 while the service is unreachable");
        runner.Bind(flush, FlushAsync);

        var id = new Argument<long>("ID") { Description = "The outbox id shown by ixc outbox list" };
        var remove = new Command("remove", "Discard a queued upload without sending it") { id };
        runner.Bind(remove, context => RemoveAsync(context, context.Value(id)));

        return new Command("outbox", "The local outbox: pushes queued while the service was unreachable (SQLite, --outbox)")
        {
            list, flush, remove,
        };
    }

    private static async Task<int> ListAsync(CommandContext context)
    {
        var store = context.Get<OutboxStore>();
        var queued = await store.ListAsync();
        if (queued.Count == 0)
        {
            context.Terminal.Line($"发件箱为空 The outbox is empty ({store.Path}).");
            return ExitCodes.Ok;
        }
        var table = Display.Table("id", "文件 file", "范围 scope", "指标数 figures", "排队时间 queued at (UTC+8)", "尝试 attempts", "最近错误 last error");
        foreach (var upload in queued)
        {
            table.AddRow(Display.Cells(
                upload.Id.ToString(CultureInfo.InvariantCulture), upload.File, upload.Scope, upload.Figures.ToString(CultureInfo.InvariantCulture),
                Display.Time(upload.QueuedAt), upload.Attempts.ToString(CultureInfo.InvariantCulture), upload.LastError ?? ""));
        }
        context.Terminal.Console.Write(table);
        context.Terminal.Line($"{queued.Count} upload(s) waiting in {store.Path}; ixc outbox flush delivers them.");
        return ExitCodes.Ok;
    }

    private static async Task<int> FlushAsync(CommandContext context)
    {
        var result = await context.Get<UploadDelivery>().FlushAsync(context.Cancellation);
        if (result.Delivered + result.Rejected > 0)
        {
            context.Terminal.Line($"发件箱 Outbox: {result.Delivered} delivered, {result.Rejected} rejected, {result.Remaining} waiting.");
        }
        return result.Unreachable ? ExitCodes.Unreachable : result.Rejected > 0 ? ExitCodes.Rejected : ExitCodes.Ok;
    }

    private static async Task<int> RemoveAsync(CommandContext context, long id)
    {
        if (!await context.Get<OutboxStore>().RemoveAsync(id))
        {
            throw new UsageException($"发件箱中没有 #{id} / no upload #{id} in the outbox (ixc outbox list).");
        }
        context.Terminal.Line($"已删除 Removed #{id} from the outbox; it was not sent.");
        return ExitCodes.Ok;
    }
}
