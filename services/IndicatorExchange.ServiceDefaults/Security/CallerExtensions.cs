using Grpc.Core;
using IndicatorExchange.ServiceDefaults.Security.Identity;

namespace IndicatorExchange.ServiceDefaults.Security;

public static class CallerExtensions
{
    /// <summary>The caller the access layer admitted; every RPC but health and reflection has one.</summary>
    public static Caller Caller(this ServerCallContext context) =>
        context.UserState.TryGetValue(AccessInterceptor.CallerKey, out var caller) && caller is Caller known
            ? known
            : throw new InvalidOperationException("No caller: the access interceptor did not run for this call.");
}
