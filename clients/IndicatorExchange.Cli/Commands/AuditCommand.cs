using System.CommandLine;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Contracts.Access.V1;
using Spectre.Console;

namespace IndicatorExchange.Cli.Commands;

/// <summary><c>ixc audit [--subject S] [--org-unit CODE] [--outcome CODE] [--limit N]</c>: the audit trail of writes, newest first (administrators).</summary>
public static class AuditCommand
{
    public static Command Build(CommandRunner runner)
    {
        var subject = new Option<string?>("--subject") { Description = "Only this subject", HelpName = "NAME" };
        var orgUnit = new Option<string?>("--org-unit") { Description = "Only callers whose token names this org unit", HelpName = "CODE" };
        var outcome = new Option<string?>("--outcome") { Description = "Only this outcome, e.g. OK or PERMISSION_DENIED", HelpName = "CODE" };
        var limit = new Option<int>("--limit") { Description = "At most this many records", DefaultValueFactory = _ => 50, HelpName = "N" };
        var command = new Command("audit", "List the audit trail of writes, newest first (administrators only)") { subject, orgUnit, outcome, limit };
        runner.Bind(command, context => RunAsync(context, context.Value(subject), context.Value(orgUnit), context.Value(outcome), context.Value(limit)));
        return command;
    }

    private static async Task<int> RunAsync(CommandContext context, string? subject, string? orgUnit, string? outcome, int limit)
    {
        var page = await context.Client.Access.ListAuditRecordsAsync(new ListAuditRecordsRequest
        {
            Subject = subject ?? "", OrgUnit = orgUnit ?? "", Outcome = outcome?.ToUpperInvariant() ?? "", PageSize = Math.Clamp(limit, 1, 1000),
        }, cancellationToken: context.Cancellation);
        var table = Display.Table("时间 time (UTC+8)", "主体 subject", "角色 role", "单位 org", "调用 method", "结果 outcome", "涉及 targets", "请求 request id", "来源 peer");
        foreach (var record in page.Records)
        {
            table.AddRow(Display.Cells(Display.Time(record.ReceivedAt), record.Subject, record.Role.ToString(), record.OrgUnit,
                record.Method[(record.Method.LastIndexOf('/') + 1)..], record.Outcome, record.TargetOrgUnits, record.RequestId, record.Peer));
        }
        context.Terminal.Console.Write(table);
        context.Terminal.Line($"{page.Records.Count} records{(page.NextPageToken.Length > 0 ? " (more: raise --limit)" : "")}.");
        return ExitCodes.Ok;
    }
}
