using Grpc.Core;
using IndicatorExchange.Client;

namespace IndicatorExchange.Admin.CommandLine;

/// <summary>A failed call as the admin commands print it: "STATUS: detail".</summary>
public static class Refusal
{
    public static string Describe(Exception exception) => exception switch
    {
        RpcException rpc => $"{rpc.Status.StatusCode}: {rpc.Status.Detail}",
        ServiceUnavailableException { InnerException: RpcException rpc } => $"{rpc.Status.StatusCode}: {rpc.Status.Detail}",
        _ => exception.Message,
    };
}
