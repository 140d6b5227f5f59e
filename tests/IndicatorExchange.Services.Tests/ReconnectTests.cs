using Grpc.Core;
using IndicatorExchange.ServiceDefaults.Feeds;
using Microsoft.Extensions.Logging.Abstractions;

namespace IndicatorExchange.Services.Tests;

public sealed class ReconnectTests
{
    [Fact]
    public async Task A_stream_cancelled_by_the_stop_ends_the_follower_quietly()
    {
        using var stopping = new CancellationTokenSource();
        var pipeline = Reconnect.Forever(NullLogger.Instance, "test feed", stopping.Token);
        var calls = 0;

        await Reconnect.FollowForeverAsync(pipeline, _ =>
        {
            calls++;
            stopping.Cancel();
            // What a gRPC stream answers when the token that the stop cancelled was its own.
            throw new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client."));
        }, stopping.Token).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_broken_stream_is_followed_again_while_the_host_runs()
    {
        using var stopping = new CancellationTokenSource();
        var pipeline = Reconnect.Forever(NullLogger.Instance, "test feed", stopping.Token, maxDelay: TimeSpan.FromMilliseconds(10));
        var calls = 0;

        await Reconnect.FollowForeverAsync(pipeline, _ =>
        {
            if (++calls < 3)
            {
                throw new RpcException(new Status(StatusCode.Unavailable, "peer restarting"));
            }
            stopping.Cancel();
            return ValueTask.CompletedTask;
        }, stopping.Token).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, calls);
    }
}
