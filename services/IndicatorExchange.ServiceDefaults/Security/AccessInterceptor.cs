using Google.Protobuf;
using Grpc.Core;
using Grpc.Core.Interceptors;
using IndicatorExchange.ServiceDefaults.Security.Audit;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Limits;
using IndicatorExchange.ServiceDefaults.Security.Policies;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.ServiceDefaults.Security;

/// <summary>
/// The door of every RPC: authenticates the caller (JWT bearer, checked by ASP.NET Core's JwtBearer handler),
/// applies the method's policy (role, then the org units the request names against the caller's subtree),
/// filters streamed responses to the caller's scope, bounds the server-side duration of unary calls, and
/// records every write, whatever its outcome, in the audit trail.
/// </summary>
public sealed class AccessInterceptor(
    RpcPolicyRegistry registry,
    OrgUnitScope scope,
    IAuditTrail audit,
    TimeProvider clock,
    IOptionsMonitor<LimitOptions> limits,
    ILogger<AccessInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var policy = registry.Find(context.Method);
        if (policy?.AllowAnonymous == true)
        {
            return await continuation(request, context);
        }
        var call = new CallRecord(clock.GetUtcNow(), RequestIdOf(request, context));
        try
        {
            var caller = await AdmitAsync(policy, context, call);
            call.Add(policy!.OrgUnitsOf(request));
            await RequireScopeAsync(caller, policy.OrgUnitsOf(request), context);
            var response = await RunBoundedAsync(policy, context, bounded => continuation(request, bounded));
            await AuditAsync(policy, context, call, StatusCode.OK, "");
            return response;
        }
        catch (Exception exception) when (Outcome(exception, context) is var (code, detail))
        {
            await AuditAsync(policy, context, call, code, detail);
            throw;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var policy = registry.Find(context.Method);
        if (policy?.AllowAnonymous == true)
        {
            return await continuation(requestStream, context);
        }
        var call = new CallRecord(clock.GetUtcNow(), RequestIdOf(null, context));
        try
        {
            var caller = await AdmitAsync(policy, context, call);
            var checkedStream = new ScopeCheckingReader<TRequest>(requestStream, async message =>
            {
                var units = policy!.OrgUnitsOf(message!);
                call.Add(units);
                call.RequestId = call.RequestId.Length > 0 ? call.RequestId : RequestIdOf(message, context);
                await RequireScopeAsync(caller, units, context);
            });
            var response = await continuation(checkedStream, context);
            await AuditAsync(policy, context, call, StatusCode.OK, "");
            return response;
        }
        catch (Exception exception) when (Outcome(exception, context) is var (code, detail))
        {
            await AuditAsync(policy, context, call, code, detail);
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var policy = registry.Find(context.Method);
        if (policy?.AllowAnonymous == true)
        {
            await continuation(request, responseStream, context);
            return;
        }
        var caller = await AdmitAsync(policy, context, new CallRecord(clock.GetUtcNow(), ""));
        await RequireScopeAsync(caller, policy!.OrgUnitsOf(request), context);
        if (policy.FilterResponse is { } filter && !caller.IsUnscoped)
        {
            responseStream = new ScopeFilteringWriter<TResponse>(responseStream, filter, () => scope.PredicateAsync(caller, context.CancellationToken));
        }
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        var policy = registry.Find(context.Method);
        if (policy?.AllowAnonymous != true)
        {
            await AdmitAsync(policy, context, new CallRecord(clock.GetUtcNow(), ""));
        }
        await continuation(requestStream, responseStream, context);
    }

    /// <summary>The caller, when the token is valid and the policy admits the role; otherwise the refusal.</summary>
    private static async Task<Caller> AdmitAsync(RpcPolicy? policy, ServerCallContext context, CallRecord call)
    {
        var httpContext = context.GetHttpContext();
        var caller = Caller.From(httpContext.User);
        if (caller is null)
        {
            throw await AccessErrors.UnauthenticatedAsync(httpContext);
        }
        call.Caller = caller;
        context.UserState[CallerKey] = caller;
        if (policy is null)
        {
            throw AccessErrors.NoPolicy(context.Method);
        }
        if (!policy.Roles.Contains(caller.Role))
        {
            throw AccessErrors.RoleNotAllowed(caller, context.Method, policy.Roles);
        }
        return caller;
    }

    private async Task RequireScopeAsync(Caller caller, IReadOnlyList<string>? units, ServerCallContext context)
    {
        if (!await scope.CoversAsync(caller, units, context.CancellationToken))
        {
            throw AccessErrors.OutOfScope(caller, units);
        }
    }

    private async Task<TResponse> RunBoundedAsync<TResponse>(RpcPolicy policy, ServerCallContext context, Func<ServerCallContext, Task<TResponse>> run)
    {
        var limit = policy.LongRunning ? TimeSpan.Zero : limits.CurrentValue.MaxUnaryDuration;
        if (limit <= TimeSpan.Zero)
        {
            return await run(context);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
        timeout.CancelAfter(limit);
        var serverDeadline = DateTime.UtcNow.Add(limit);
        var deadline = context.Deadline < serverDeadline ? context.Deadline : serverDeadline;
        try
        {
            return await run(new BoundedCallContext(context, timeout.Token, deadline));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.DeadlineExceeded,
                $"服务器处理超时 / the call exceeded the server's limit of {limit.TotalSeconds:0} s (Limits:MaxUnaryDuration); nothing was committed unless the answer said so"));
        }
    }

    private async Task AuditAsync(RpcPolicy? policy, ServerCallContext context, CallRecord call, StatusCode code, string detail)
    {
        if (policy?.IsWrite != true)
        {
            return;
        }
        var caller = call.Caller;
        var entry = new AuditEntry
        {
            ReceivedAt = call.ReceivedAt,
            Subject = caller?.Subject ?? "",
            Role = caller?.Role ?? "",
            OrgUnit = caller?.OrgUnit ?? "",
            TokenId = caller?.TokenId ?? "",
            Method = context.Method,
            RequestId = call.RequestId,
            Peer = context.Peer,
            Outcome = StatusName(code),
            Detail = detail.Length > 500 ? detail[..500] : detail,
            TargetOrgUnits = string.Join(",", call.Units.Take(50)),
        };
        try
        {
            // Not the call's token: a client that hangs up must not keep its write out of the trail.
            await audit.AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not record the audit entry of {Method} by {Subject} ({Outcome})", entry.Method, entry.Subject, entry.Outcome);
        }
    }

    private static (StatusCode Code, string Detail)? Outcome(Exception exception, ServerCallContext context) => exception switch
    {
        RpcException rpc => (rpc.StatusCode, rpc.Status.Detail),
        OperationCanceledException when context.CancellationToken.IsCancellationRequested => (StatusCode.Cancelled, "the client cancelled the call"),
        _ => (StatusCode.Internal, exception.GetType().Name),
    };

    private static string RequestIdOf(object? request, ServerCallContext context)
    {
        if (request is IMessage message && message.Descriptor.FindFieldByName("request_id") is { } field
            && field.Accessor.GetValue(message) is string { Length: > 0 } id)
        {
            return id;
        }
        if (request is IMessage upload && upload.Descriptor.FindFieldByName("header") is { } header
            && header.Accessor.GetValue(upload) is IMessage headerMessage)
        {
            return RequestIdOf(headerMessage, context);
        }
        return context.RequestHeaders.GetValue("x-request-id") ?? "";
    }

    /// <summary>The canonical name of a status code: "PERMISSION_DENIED".</summary>
    public static string StatusName(StatusCode code) => code == StatusCode.OK ? "OK" :
        string.Concat(code.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + c : c.ToString())).ToUpperInvariant();

    public const string CallerKey = "indicatorexchange.caller";

    private sealed class CallRecord(DateTimeOffset receivedAt, string requestId)
    {
        public DateTimeOffset ReceivedAt { get; } = receivedAt;
        public string RequestId { get; set; } = requestId;
        public Caller? Caller { get; set; }
        public SortedSet<string> Units { get; } = new(StringComparer.Ordinal);

        public void Add(IReadOnlyList<string>? units)
        {
            if (units is null)
            {
                Units.Add("*");
                return;
            }
            foreach (var unit in units)
            {
                Units.Add(unit);
            }
        }
    }
}
