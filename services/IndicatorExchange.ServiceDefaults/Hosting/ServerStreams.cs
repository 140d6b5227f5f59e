using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.ServiceDefaults.Hosting;

/// <summary>
/// Long-lived server streams (the change feeds and WatchSummary) end when the host starts stopping, with UNAVAILABLE,
/// so that their clients reconnect and resume, from another replica or after the restart. Left open, they held every
/// shutdown for the host's whole timeout (30 s).
/// </summary>
public static class ServerStreams
{
    public static async Task RunAsync(ServerCallContext context, Func<CancellationToken, Task> stream)
    {
        var stopping = context.GetHttpContext().RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, stopping);
        try
        {
            await stream(linked.Token);
        }
        catch (Exception) when (stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            // Ended by the shutdown, answered below.
        }
        if (stopping.IsCancellationRequested && !context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                "服务正在停止 / the server is shutting down; reconnect and resume from the last sequence received"));
        }
    }
}
