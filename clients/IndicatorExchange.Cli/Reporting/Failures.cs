using Grpc.Core;
using IndicatorExchange.Client;

namespace IndicatorExchange.Cli.Reporting;

/// <summary>Which failures mean "the service could not be reached" (exit 3, queue the push) rather than "refused".</summary>
public static class Failures
{
    public static bool IsUnreachable(Exception exception) => exception switch
    {
        ServiceUnavailableException => true,
        HttpRequestException => true,
        RpcException { StatusCode: StatusCode.Unavailable or StatusCode.DeadlineExceeded } => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsUnreachable),
        _ => exception.InnerException is { } inner && IsUnreachable(inner),
    };

    /// <summary>The innermost message, for one-line reports.</summary>
    public static string Describe(Exception exception) => (exception switch
    {
        RpcException rpc => $"{rpc.StatusCode}: {rpc.Status.Detail}",
        _ => exception.Message,
    }).TrimEnd('.', ' ');
}
