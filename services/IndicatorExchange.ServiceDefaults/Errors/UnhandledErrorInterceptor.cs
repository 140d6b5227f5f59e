using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Logging;

namespace IndicatorExchange.ServiceDefaults.Errors;

/// <summary>
/// Turns exceptions that are not already gRPC errors into INTERNAL with an error id that is
/// also logged, so that no stack trace reaches a client and every failure can be found.
/// </summary>
public sealed class UnhandledErrorInterceptor(ILogger<UnhandledErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception exception) when (IsUnexpected(exception, context))
        {
            throw Internal(exception, context);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception exception) when (IsUnexpected(exception, context))
        {
            throw Internal(exception, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception exception) when (IsUnexpected(exception, context))
        {
            throw Internal(exception, context);
        }
    }

    private static bool IsUnexpected(Exception exception, ServerCallContext context) =>
        exception is not RpcException && !(exception is OperationCanceledException && context.CancellationToken.IsCancellationRequested);

    private RpcException Internal(Exception exception, ServerCallContext context)
    {
        var errorId = Guid.NewGuid().ToString("N")[..12];
        logger.LogError(exception, "Unhandled error {ErrorId} in {Method}", errorId, context.Method);
        return new RpcException(new Status(StatusCode.Internal, $"服务器内部错误 / internal server error (error id {errorId})"));
    }
}
