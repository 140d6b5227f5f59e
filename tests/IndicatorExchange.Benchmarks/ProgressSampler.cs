using System.Diagnostics;
using Grpc.Core;
using IndicatorExchange.Contracts.Aggregation.V1;

namespace IndicatorExchange.Benchmarks;

/// <summary>
/// Samples the aggregator's feed position (a summary's as_of_sequence) every 100 ms while something runs, to show how
/// its speed changes as the data grows: the revisions per second over each quarter of the feed.
/// </summary>
public sealed class ProgressSampler : IAsyncDisposable
{
    private readonly List<(double Seconds, long Sequence)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly long _start = Stopwatch.GetTimestamp();

    /// <param name="afterReset">Ignore samples until the position has gone back below the last one seen at the start (a rebuild resets it).</param>
    public ProgressSampler(AggregationService.AggregationServiceClient client, GetSummaryRequest probe, bool afterReset = false) =>
        _loop = RunAsync(client, probe, afterReset);

    public async Task<string> StopAsync(long from, long to)
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { } catch (RpcException) { }
        lock (_samples)
        {
            return Describe(_samples, from, to);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try { await _loop; } catch (OperationCanceledException) { } catch (RpcException) { }
        _stop.Dispose();
    }

    private async Task RunAsync(AggregationService.AggregationServiceClient client, GetSummaryRequest probe, bool afterReset)
    {
        var reset = !afterReset;
        long first = -1;
        while (!_stop.IsCancellationRequested)
        {
            var sequence = (await client.GetSummaryAsync(probe, cancellationToken: _stop.Token)).Summary.AsOfSequence;
            first = first < 0 ? sequence : first;
            reset |= sequence < first;
            if (reset)
            {
                lock (_samples)
                {
                    _samples.Add((Stopwatch.GetElapsedTime(_start).TotalSeconds, sequence));
                }
            }
            await Task.Delay(100, _stop.Token);
        }
    }

    /// <summary>"a / b / c / d revisions/s": the speed over each quarter of the sequences from..to, from the first sample reaching each mark.</summary>
    private static string Describe(List<(double Seconds, long Sequence)> samples, long from, long to)
    {
        if (to <= from || samples.Count < 8)
        {
            return "too short to sample";
        }
        var marks = Enumerable.Range(0, 5).Select(k => from + (to - from) * k / 4).ToList();
        var times = marks.Select(mark => samples.FirstOrDefault(s => s.Sequence >= mark) is var s && s != default ? s.Seconds : double.NaN).ToList();
        times[0] = samples.Where(s => s.Sequence <= marks[0]).Select(s => s.Seconds).DefaultIfEmpty(0).Max();
        var rates = Enumerable.Range(0, 4)
            .Select(k => times[k + 1] - times[k] is var dt && dt > 0 && !double.IsNaN(dt) ? Report.N((to - from) / 4.0 / dt) : "-");
        return string.Join(" / ", rates) + " revisions/s";
    }
}
