using Grpc.Core;
using Grpc.Core.Interceptors;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;

namespace IndicatorExchange.Client;

/// <summary>
/// What every call through the client's channels gets, the raw typed clients included: a deadline when the
/// caller set none (unary calls and uploads; watch streams stay open), the bearer token (or the provider's), and a request id on
/// SubmitFigures and SetTargets when it is empty, so that the channel's retries never apply a write twice.
/// </summary>
internal sealed class CallDefaultsInterceptor(IndicatorExchangeClientOptions options) : Interceptor
{
    private readonly string? _authorization = string.IsNullOrWhiteSpace(options.BearerToken) ? null : "Bearer " + options.BearerToken.Trim();
    private readonly Func<string>? _token = options.BearerTokenProvider;

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        BlockingUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        EnsureRequestId(request);
        return continuation(request, WithDefaults(context, options.Deadline));
    }

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(TRequest request, ClientInterceptorContext<TRequest, TResponse> context,
        AsyncUnaryCallContinuation<TRequest, TResponse> continuation)
    {
        EnsureRequestId(request);
        return continuation(request, WithDefaults(context, options.Deadline));
    }

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncClientStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithDefaults(context, options.UploadDeadline));

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(TRequest request,
        ClientInterceptorContext<TRequest, TResponse> context, AsyncServerStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(request, WithDefaults(context, deadline: null));

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(
        ClientInterceptorContext<TRequest, TResponse> context, AsyncDuplexStreamingCallContinuation<TRequest, TResponse> continuation) =>
        continuation(WithDefaults(context, deadline: null));

    /// <summary>Sets an empty request id of a write the channel may retry.</summary>
    internal static void EnsureRequestId<TRequest>(TRequest request)
    {
        switch (request)
        {
            case SubmitFiguresRequest { RequestId: "" } submit:
                submit.RequestId = NewRequestId();
                break;
            case SetTargetsRequest { RequestId: "" } set:
                set.RequestId = NewRequestId();
                break;
        }
    }

    internal static string NewRequestId() => Guid.NewGuid().ToString();

    private ClientInterceptorContext<TRequest, TResponse> WithDefaults<TRequest, TResponse>(ClientInterceptorContext<TRequest, TResponse> context, TimeSpan? deadline)
        where TRequest : class
        where TResponse : class
    {
        var callOptions = context.Options;
        var changed = false;
        if (deadline is { } timeout && callOptions.Deadline is null)
        {
            callOptions = callOptions.WithDeadline(DateTime.UtcNow + timeout);
            changed = true;
        }
        var authorization = _token is null ? _authorization : "Bearer " + _token();
        if (authorization is not null && callOptions.Headers?.Get("authorization") is null)
        {
            var headers = new Metadata();
            foreach (var entry in callOptions.Headers ?? [])
            {
                headers.Add(entry);
            }
            headers.Add("authorization", authorization);
            callOptions = callOptions.WithHeaders(headers);
            changed = true;
        }
        return changed ? new ClientInterceptorContext<TRequest, TResponse>(context.Method, context.Host, callOptions) : context;
    }
}
