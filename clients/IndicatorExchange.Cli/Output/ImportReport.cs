using System.Text.RegularExpressions;
using Grpc.Core;
using IndicatorExchange.Cli.Input;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;

namespace IndicatorExchange.Cli.Output;

/// <summary>What a push or a flush did, with the file's row number for every warning and every problem.</summary>
public static partial class ImportReport
{
    /// <param name="replayed">The request id was delivered before: the answer is the first push's.</param>
    public static void WriteAccepted(Terminal terminal, UploadPlan plan, UploadFiguresResponse response, bool dryRun, bool replayed = false)
    {
        var summary = response.Summary;
        var name = Path.GetFileName(plan.File);
        var counts = $"{summary.Created} created, {summary.Updated} updated, {summary.Unchanged} unchanged";
        terminal.Line(dryRun
            ? $"试运行 Dry run of {name} ({plan.Scope()}): would create {summary.Created}, update {summary.Updated}, leave {summary.Unchanged} unchanged; nothing was written."
            : replayed
                ? $"无变化 Nothing changed: the service answered with the first push of this content ({counts}; request {plan.RequestId})."
                : $"已导入 Imported {name} ({plan.Scope()}): {counts} (request {plan.RequestId}).");
        if (!dryRun && response.LastSequence > 0)
        {
            terminal.Line($"变更序号 Change-feed sequence {response.LastSequence} (ixc summary --wait-sequence {response.LastSequence} shows summaries that include it).");
        }
        WriteWarnings(terminal, plan, summary.Issues);
    }

    public static void WriteWarnings(Terminal terminal, UploadPlan plan, IEnumerable<Issue> issues)
    {
        var warnings = issues.ToList();
        if (warnings.Count == 0)
        {
            return;
        }
        terminal.Line($"警告 Warnings ({warnings.Count}), accepted but to be confirmed (resend with the figure confirmed, or correct it):");
        foreach (var issue in warnings)
        {
            terminal.Line($"  {Locate(plan, issue.Index) ?? Locate(plan, issue.Field) ?? issue.Field}: {issue.Reason}: {issue.Message}");
        }
    }

    public static void WriteRejected(Terminal terminal, UploadPlan plan, RpcException exception)
    {
        terminal.Fail($"{Path.GetFileName(plan.File)} ({plan.Scope()}, {plan.FigureCount} figures):");
        RejectionReport.Write(terminal, exception, field => Locate(plan, field), index => Locate(plan, index), nothingWritten: true);
    }

    /// <summary>"row 4 GDP" for a figure's position across the upload.</summary>
    public static string? Locate(UploadPlan plan, int index) =>
        plan.RowAt(index) is { } row ? $"row {row} {plan.FigureAt(index)?.Indicator}".TrimEnd() : null;

    /// <summary>"row 4 GDP" for batches[k].figures[i]…, "rows 2-29 (654025 2023Q3)" for batches[k]….</summary>
    public static string? Locate(UploadPlan plan, string field)
    {
        var figure = FigureField().Match(field);
        if (figure.Success)
        {
            var batch = int.Parse(figure.Groups[1].Value);
            var index = int.Parse(figure.Groups[2].Value);
            return plan.RowOf(batch, index) is { } row ? $"row {row} {plan.Batches[batch].Figures[index].Indicator}" : null;
        }
        var whole = BatchField().Match(field);
        if (whole.Success)
        {
            var batch = int.Parse(whole.Groups[1].Value);
            var rows = plan.RowsOfBatch(batch);
            return rows.Count == 0 ? null : $"{Ranges(rows)} ({plan.Batches[batch].OrgUnit} {plan.Batches[batch].Period})";
        }
        return null;
    }

    /// <summary>"row 5", "rows 2-6, 9".</summary>
    public static string Ranges(IReadOnlyList<int> rows)
    {
        var sorted = rows.Distinct().Order().ToList();
        var parts = new List<string>();
        for (var i = 0; i < sorted.Count;)
        {
            var j = i;
            while (j + 1 < sorted.Count && sorted[j + 1] == sorted[j] + 1)
            {
                j++;
            }
            parts.Add(i == j ? $"{sorted[i]}" : $"{sorted[i]}-{sorted[j]}");
            i = j + 1;
        }
        return (sorted.Count == 1 ? "row " : "rows ") + string.Join(", ", parts);
    }

    [GeneratedRegex(@"^batches\[(\d+)\]\.figures\[(\d+)\]")]
    private static partial Regex FigureField();

    [GeneratedRegex(@"^batches\[(\d+)\]")]
    private static partial Regex BatchField();
}
