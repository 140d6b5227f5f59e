using Grpc.Core;
using IndicatorExchange.Client;
using IndicatorExchange.Dashboard.Model;

namespace IndicatorExchange.Dashboard.Data;

/// <summary>Turns a failed call into a sentence for the page (never a crash).</summary>
public static class FriendlyError
{
    public static string Describe(Exception exception, UiText text) => exception switch
    {
        RpcException { StatusCode: StatusCode.PermissionDenied } rpc => $"{text.PermissionDenied} ({rpc.Status.Detail})",
        RpcException { StatusCode: StatusCode.Unauthenticated } rpc => $"{text.Unauthenticated} ({rpc.Status.Detail})",
        RpcException { StatusCode: StatusCode.NotFound } rpc => $"{text.NotFound} ({rpc.Status.Detail})",
        RpcException { StatusCode: StatusCode.InvalidArgument or StatusCode.FailedPrecondition } rpc => $"{text.Refused} ({rpc.Status.Detail})",
        RpcException rpc => $"{text.CallFailed}: {rpc.StatusCode} ({rpc.Status.Detail})",
        ServiceUnavailableException unavailable => $"{text.Unavailable} ({unavailable.Message})",
        DashboardConfigurationException configuration => configuration.Message,
        _ => $"{text.CallFailed}: {exception.Message}",
    };

    /// <summary>Whether the error is about who is calling (token missing, expired or without the right scope).</summary>
    public static bool IsAccessProblem(Exception exception) =>
        exception is RpcException { StatusCode: StatusCode.PermissionDenied or StatusCode.Unauthenticated };
}
