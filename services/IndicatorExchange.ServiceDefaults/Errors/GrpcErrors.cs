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

    public static RpcException NotFound(string reason, string message) => Build(Code.NotFound, reason, message);

    public static RpcException AlreadyExists(string reason, string message) => Build(Code.AlreadyExists, reason, message);

    public static RpcException FailedPrecondition(string reason, string message) => Build(Code.FailedPrecondition, reason, message);

    private static BadRequest BadRequestOf(IEnumerable<FieldProblem> problems)
    {
        var badRequest = new BadRequest();
        badRequest.FieldViolations.AddRange(problems.Select(problem => new BadRequest.Types.FieldViolation
        {
            Field = problem.Field,
            Description = problem.Message,
            Reason = problem.Reason,
        }));
        return badRequest;
    }

    private static RpcException Build(Code code, string reason, string message, IReadOnlyList<IMessage>? details = null)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = reason, Domain = Domain }));
        foreach (var detail in details ?? [])
        {
            status.Details.Add(Any.Pack(detail));
        }
        return status.ToRpcException();
    }
}
