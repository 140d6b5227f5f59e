using Google.Rpc;
using Grpc.Core;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Contracts.Common.V1;

namespace IndicatorExchange.Cli.Output;

/// <summary>Prints a refusal: its status, the stable reason, and every field violation located in the input (a row of the file when known).</summary>
public static class RejectionReport
{
    /// <param name="locate">Turns a violation's field ("batches[0].figures[2].quantity.unit") into a place in the input ("row 4 GDP"), or null.</param>
    /// <param name="locateIndex">Turns an ImportSummary issue index (across the request) into a place, or null.</param>
    /// <param name="nothingWritten">Whether to say that nothing was written (batch writes are atomic).</param>
    public static void Write(Terminal terminal, RpcException exception, Func<string, string?>? locate = null, Func<int, string?>? locateIndex = null,
        bool nothingWritten = false)
    {
        locate ??= _ => null;
        var status = exception.GetRpcStatus();
        var reason = status?.GetDetail<ErrorInfo>()?.Reason;
        terminal.Fail($"服务拒绝 Rejected by the service: {exception.StatusCode}{(reason is null ? "" : $" {reason}")}: {exception.Status.Detail}");
        var violations = status?.GetDetail<BadRequest>()?.FieldViolations ?? [];
        if (violations.Count > 0)
        {
            terminal.Fail($"问题 Problems ({violations.Count}):");
        }
        foreach (var violation in violations)
        {
            var place = locate(violation.Field);
            terminal.Fail($"  {place ?? violation.Field}: {violation.Reason}: {violation.Description}{(place is null || violation.Field.Length == 0 ? "" : $" [{violation.Field}]")}");
        }
        var warnings = status?.GetDetail<ImportSummary>()?.Issues.Where(i => i.Severity == IssueSeverity.Warning).ToList() ?? [];
        if (warnings.Count > 0)
        {
            terminal.Fail($"警告 Warnings also raised ({warnings.Count}):");
        }
        foreach (var issue in warnings)
        {
            var place = (locateIndex is null ? null : locateIndex(issue.Index)) ?? locate(issue.Field) ?? issue.Field;
            terminal.Fail($"  {place}: {issue.Reason}: {issue.Message}");
        }
        if (nothingWritten)
        {
            terminal.Fail("未写入任何数据 Nothing was written.");
        }
    }
}
