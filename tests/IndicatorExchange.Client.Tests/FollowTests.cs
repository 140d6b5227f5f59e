using Grpc.Core;

namespace IndicatorExchange.Client.Tests;

/// <summary>A service following a peer's feed through the library (<see cref="IndicatorExchangeClient.FollowAsync"/>).</summary>
public sealed class FollowTests
{
    [Fact]
    public async Task A_stream_cancelled_by_the_stop_ends_the_follower_quietly()
    {
        using var client = new IndicatorExchangeClient(new IndicatorExchangeClientOptions());
        using var stopping = new CancellationTokenSource();
        var calls = 0;

        await client.FollowAsync("test feed", _ =>
        {
            calls++;
            stopping.Cancel();
            // What a gRPC stream answers when the token that the stop cancelled was its own.
            throw new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client."));
        }, stopping.Token).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_broken_stream_is_followed_again_while_the_host_runs_whatever_the_error()
    {
        using var client = new IndicatorExchangeClient(new IndicatorExchangeClientOptions { WatchReconnectMaxDelay = TimeSpan.FromMilliseconds(10) });
        using var stopping = new CancellationTokenSource();
        var calls = 0;

        await client.FollowAsync("test feed", _ =>
        {
            // A peer restarting, then one started with another signing key: a service retries both.
            if (++calls < 3)
            {
                throw new RpcException(new Status(calls == 1 ? StatusCode.Unavailable : StatusCode.Unauthenticated, "peer restarting"));
            }
            stopping.Cancel();
            return ValueTask.CompletedTask;
        }, stopping.Token).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(3, calls);
    }
}
