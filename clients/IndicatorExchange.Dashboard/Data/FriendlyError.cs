using Grpc.Core;
using IndicatorExchange.Client;
using IndicatorExchange.Dashboard.Model;

namespace IndicatorExchange.Dashboard.Data;

/// <summary>Turns a failed call into a sentence for the page (never a crash).</summary>
public static class FriendlyError
{
    public static string Describe(Exception exception, UiText text) => exception switch
    {
        RpcException rpc => $"{Label(rpc.StatusCode, text)} ({rpc.Status.Detail})",
        ServiceUnavailableException unavailable => $"{text.Unavailable} ({unavailable.Message})",
        DashboardConfigurationException configuration => configuration.Message,
        _ => $"{text.CallFailed}: {exception.Message}",
    };

    /// <summary>Chinese and English labels, then the detail once (the services' details are bilingual already).</summary>
    public static string Bilingual(Exception exception) => exception switch
    {
        RpcException rpc => $"{Label(rpc.StatusCode, UiText.Chinese)} / {Label(rpc.StatusCode, UiText.English)} ({rpc.Status.Detail})",
        ServiceUnavailableException unavailable => $"{UiText.Chinese.Unavailable} / {UiText.English.Unavailable} ({unavailable.Message})",
        DashboardConfigurationException configuration => configuration.Message,
        _ => $"{UiText.Chinese.CallFailed} / {UiText.English.CallFailed}: {exception.Message}",
    };

    /// <summary>The HTTP status of a page or file that could not be made: 404 unknown org unit or period, 400 a request
    /// the services refuse, 403 a token problem, 502 anything else of the services.</summary>
    public static int HttpStatus(Exception exception) => exception switch
    {
        RpcException { StatusCode: StatusCode.NotFound } => StatusCodes.Status404NotFound,
        RpcException { StatusCode: StatusCode.InvalidArgument or StatusCode.FailedPrecondition or StatusCode.OutOfRange } => StatusCodes.Status400BadRequest,
        _ when IsAccessProblem(exception) => StatusCodes.Status403Forbidden,
        _ => StatusCodes.Status502BadGateway,
    };

    private static string Label(StatusCode code, UiText text) => code switch
    {
        StatusCode.PermissionDenied => text.PermissionDenied,
        StatusCode.Unauthenticated => text.Unauthenticated,
        StatusCode.NotFound => text.NotFound,
        StatusCode.InvalidArgument or StatusCode.FailedPrecondition => text.Refused,
        _ => $"{text.CallFailed}: {code}",
    };

    /// <summary>Whether the error is about who is calling (token missing, expired or without the right scope).</summary>
    public static bool IsAccessProblem(Exception exception) =>
        exception is RpcException { StatusCode: StatusCode.PermissionDenied or StatusCode.Unauthenticated };
}
