using Grpc.Core;
using Grpc.Net.Client;
using IndicatorExchange.Contracts.Aggregation.V1;

namespace IndicatorExchange.Benchmarks;

/// <summary>
/// A WatchSummary subscriber of one prefecture's summary of one indicator and period, on its own channel: counts the
/// updates it receives and notes when the total reaches the expected one. A refused or failed stream fails it.
/// </summary>
public sealed class PrefectureWatcher
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly decimal _expected;
    private int _updates;

    public PrefectureWatcher(GrpcChannel channel, string prefecture, string period, string indicator, decimal expected, CancellationToken stop)
    {
        Channel = channel;
        _expected = expected;
        _ = RunAsync(new AggregationService.AggregationServiceClient(channel),
            new WatchSummaryRequest { OrgUnit = prefecture, Period = period, Indicators = { indicator } }, stop);
    }

    public GrpcChannel Channel { get; }

    /// <summary>Completes at the first message (the summary as it stands).</summary>
    public Task Ready => _ready.Task.WaitAsync(TimeSpan.FromSeconds(60));

    /// <summary>Messages received, the first (the summary as it stands) included.</summary>
    public int Updates => Volatile.Read(ref _updates);

    /// <summary>Whether the expected total arrived within <paramref name="timeout"/> from now (or before).</summary>
    public async Task<bool> SettledAsync(TimeSpan timeout)
    {
        try
        {
            await _settled.Task.WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private async Task RunAsync(AggregationService.AggregationServiceClient client, WatchSummaryRequest request, CancellationToken stop)
    {
        try
        {
            using var call = client.WatchSummary(request, cancellationToken: stop);
            await foreach (var message in call.ResponseStream.ReadAllAsync(stop))
            {
                Interlocked.Increment(ref _updates);
                _ready.TrySetResult();
                var row = message.Summary?.Rows.FirstOrDefault();
                if (row?.Total is { } total && total.ToDecimal() == _expected && !row.Partial)
                {
                    _settled.TrySetResult();
                }
            }
        }
        catch (RpcException) when (stop.IsCancellationRequested)
        {
        }
        catch (OperationCanceledException)
        {
        }
        catch (RpcException exception)
        {
            _ready.TrySetException(exception);
            _settled.TrySetException(exception);
        }
    }
}
