using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace IndicatorExchange.ServiceDefaults.Errors;

/// <summary>A problem with one field of a request: the field's path, what is wrong with it, and the item's index in a batch (-1 for none).</summary>
public sealed record FieldProblem(string Field, string Reason, string Message, int Index = -1);

/// <summary>
/// Builds canonical gRPC errors (AIP-193): a status code, a bilingual message, a
/// google.rpc.ErrorInfo with a stable reason and, for bad input, a google.rpc.BadRequest.
/// </summary>
public static class GrpcErrors
{
    public const string Domain = "indicatorexchange.io";

    /// <summary>INVALID_ARGUMENT with every problem as a BadRequest field violation, and any further detail messages.</summary>
    public static RpcException InvalidArgument(string reason, string message, IEnumerable<FieldProblem> problems, params IMessage[] details) =>
        Build(Code.InvalidArgument, reason, message, [BadRequestOf(problems), .. details]);

    /// <summary>FAILED_PRECONDITION (the request is well formed but the system's state refuses it), with field violations.</summary>
    public static RpcException FailedPrecondition(string reason, string message, IEnumerable<FieldProblem> problems, params IMessage[] details) =>
        Build(Code.FailedPrecondition, reason, message, [BadRequestOf(problems), .. details]);

    /// <summary>RESOURCE_EXHAUSTED: a limit that protects the service was reached, with the fields that reached it.</summary>
    public static RpcException ResourceExhausted(string reason, string message, IEnumerable<FieldProblem> problems) =>
        Build(Code.ResourceExhausted, reason, message, [BadRequestOf(problems)]);

    public static RpcException InvalidArgument(string field, string reason, string message) =>
        InvalidArgument(reason, message, [new FieldProblem(field, reason, message)]);

    /// <summary>INVALID_ARGUMENT (reason MALFORMED_MESSAGE): the request's bytes are not a message of its type.</summary>
    public static RpcException Malformed(string message) => Build(Code.InvalidArgument, "MALFORMED_MESSAGE", message);

    public static RpcException NotFound(string reason, string message) => Build(Code.NotFound, reason, message);

    public static RpcException AlreadyExists(string reason, string message) => Build(Code.AlreadyExists, reason, message);

    public static RpcException FailedPrecondition(string reason, string message) => Build(Code.FailedPrecondition, reason, message);

    /// <summary>Most field violations (and import-summary issues) one error lists; the rest are counted.</summary>
    public const int MaxListedProblems = 100;

    /// <summary>
    /// Largest serialised google.rpc.Status an error carries: in base64 (grpc-status-details-bin) about 5.4 KB,
    /// which with grpc-message keeps every error's trailers under 8 KB, the smallest metadata limit of the common
    /// clients (gRPC C core, and so Python, Ruby, PHP, grpcurl's peers).
    /// </summary>
    public const int MaxDetailsBytes = 4_000;

    /// <summary>Longest status message and violation description, in characters (echoed input is already cut short).</summary>
    public const int MaxMessageLength = 240;

    private static BadRequest BadRequestOf(IEnumerable<FieldProblem> problems)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(problems.Select(problem => new BadRequest.Types.FieldViolation
        {
            Field = Cut(problem.Field, MaxMessageLength),
            Description = Cut(problem.Message, MaxMessageLength),
            Reason = problem.Reason,
        }));
        return badRequest;
    }

    private static RpcException Build(Code code, string reason, string message, IReadOnlyList<IMessage>? details = null)
    {
        var info = new ErrorInfo { Reason = reason, Domain = Domain };
        var status = new Google.Rpc.Status { Code = (int)code, Message = Cut(message, MaxMessageLength) };
        var listed = details?.Select(Capped).ToList() ?? [];
        var size = status.CalculateSize() + Any.Pack(info).CalculateSize() + 64;
        var omitted = 0;
        foreach (var (detail, items, total) in listed)
        {
            // Items go in while they fit: the first of each list are the ones a person reads first.
            var kept = 0;
            size += Any.Pack(detail).CalculateSize() + 8;
            foreach (var item in items)
            {
                var itemSize = item.CalculateSize() + 4;
                if (kept == MaxListedProblems || size + itemSize > MaxDetailsBytes)
                {
                    break;
                }
                Add(detail, item);
                size += itemSize;
                kept++;
            }
            omitted = Math.Max(omitted, total - kept);
        }
        if (omitted > 0)
        {
            info.Metadata["omitted_problems"] = omitted.ToString(System.Globalization.CultureInfo.InvariantCulture);
            status.Message = Cut(message, MaxMessageLength - 60) + $"（另有 {omitted} 处未列出 / and {omitted} more not listed）";
        }
        status.Details.Add(Any.Pack(info));
        foreach (var (detail, _, _) in listed)
        {
            status.Details.Add(Any.Pack(detail));
        }
        return status.ToRpcException();
    }

    /// <summary>A detail emptied of its list (violations, issues), with the list's items to put back while they fit.</summary>
    private static (IMessage Detail, IReadOnlyList<IMessage> Items, int Total) Capped(IMessage detail)
    {
        switch (detail)
        {
            case BadRequest badRequest:
                var violations = badRequest.FieldViolations.ToList();
                var emptyRequest = badRequest.Clone();
                emptyRequest.FieldViolations.Clear();
                return (emptyRequest, violations, violations.Count);
            case Contracts.Common.V1.ImportSummary summary:
                var issues = summary.Issues.Select(i => { var c = i.Clone(); c.Message = Cut(c.Message, MaxMessageLength); c.Field = Cut(c.Field, MaxMessageLength); return c; }).ToList();
                var emptySummary = summary.Clone();
                emptySummary.Issues.Clear();
                return (emptySummary, issues, issues.Count);
            default:
                return (detail, [], 0);
        }
    }

    private static void Add(IMessage detail, IMessage item)
    {
        switch (detail)
        {
            case BadRequest badRequest:
                badRequest.FieldViolations.Add((BadRequest.Types.FieldViolation)item);
                break;
            case Contracts.Common.V1.ImportSummary summary:
                summary.Issues.Add((Contracts.Common.V1.Issue)item);
                break;
        }
    }

    /// <summary>The text cut to <paramref name="max"/> characters (never inside a surrogate pair), marked when cut.</summary>
    public static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }
        var end = max - 1;
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }
        return text[..end] + "…";
    }
}
