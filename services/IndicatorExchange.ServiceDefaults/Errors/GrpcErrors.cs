using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;

namespace IndicatorExchange.ServiceDefaults.Errors;

/// <summary>A problem with one field of a request: the field's path and what is wrong with it.</summary>
public sealed record FieldProblem(string Field, string Reason, string Message);

/// <summary>
/// Builds canonical gRPC errors (AIP-193): a status code, a bilingual message, a
/// google.rpc.ErrorInfo with a stable reason and, for bad input, a google.rpc.BadRequest.
/// </summary>
public static class GrpcErrors
{
    public const string Domain = "indicatorexchange.io";

    public static RpcException InvalidArgument(string reason, string message, IEnumerable<FieldProblem> problems)
    {
        var badRequest = new BadRequest();
        foreach (var problem in problems)
        {
            badRequest.FieldViolations.Add(new BadRequest.Types.FieldViolation
            {
                Field = problem.Field,
                Description = problem.Message,
                Reason = problem.Reason,
            });
        }
        return Build(Code.InvalidArgument, reason, message, badRequest);
    }

    public static RpcException InvalidArgument(string field, string reason, string message) =>
        InvalidArgument(reason, message, [new FieldProblem(field, reason, message)]);

    public static RpcException NotFound(string reason, string message) => Build(Code.NotFound, reason, message);

    public static RpcException AlreadyExists(string reason, string message) => Build(Code.AlreadyExists, reason, message);

    public static RpcException FailedPrecondition(string reason, string message) => Build(Code.FailedPrecondition, reason, message);

    private static RpcException Build(Code code, string reason, string message, BadRequest? badRequest = null)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = reason, Domain = Domain }));
        if (badRequest is not null)
        {
            status.Details.Add(Any.Pack(badRequest));
        }
        return status.ToRpcException();
    }
}
