using Grpc.Core;

namespace IndicatorExchange.ServiceDefaults.Security.Limits;

/// <summary>
/// A call context whose cancellation also fires at a server-side deadline, so that work a client left without
/// a deadline (or with a very long one) still ends. Everything else is the original context.
/// </summary>
internal sealed class BoundedCallContext : ServerCallContext
{
    private const string HttpContextKey = "__HttpContext";
    private readonly ServerCallContext _inner;
    private readonly CancellationToken _token;
    private readonly DateTime _deadline;

    public BoundedCallContext(ServerCallContext inner, CancellationToken token, DateTime deadline)
    {
        _inner = inner;
        _token = token;
        _deadline = deadline;
        // GetHttpContext() looks in the user state when the context is not the server's own.
        inner.UserState[HttpContextKey] = inner.GetHttpContext();
    }

    protected override string MethodCore => _inner.Method;
    protected override string HostCore => _inner.Host;
    protected override string PeerCore => _inner.Peer;
    protected override DateTime DeadlineCore => _deadline;
    protected override Metadata RequestHeadersCore => _inner.RequestHeaders;
    protected override CancellationToken CancellationTokenCore => _token;
    protected override Metadata ResponseTrailersCore => _inner.ResponseTrailers;
    protected override Status StatusCore { get => _inner.Status; set => _inner.Status = value; }
    protected override WriteOptions? WriteOptionsCore { get => _inner.WriteOptions; set => _inner.WriteOptions = value; }
    protected override AuthContext AuthContextCore => _inner.AuthContext;
    protected override IDictionary<object, object> UserStateCore => _inner.UserState;

    protected override ContextPropagationToken CreatePropagationTokenCore(ContextPropagationOptions? options) =>
        _inner.CreatePropagationToken(options);

    protected override Task WriteResponseHeadersAsyncCore(Metadata responseHeaders) => _inner.WriteResponseHeadersAsync(responseHeaders);
}
