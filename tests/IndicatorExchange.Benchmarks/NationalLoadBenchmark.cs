using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;

namespace IndicatorExchange.Benchmarks;

/// <summary>
/// Issue 21, "national load": every county of the data set as its own client (its own channel, so its own HTTP/2
/// connection, and its own county-scoped token) submits the next quarter's figures with SubmitFigures, the starts
/// spread evenly over a window of at most 60 s, while one WatchSummary watcher per prefecture (its own analyst token
/// and channel) follows its summary. Counts every non-OK status by code and reports the submissions' latency and the
/// suite's resident memory.
/// </summary>
public static class NationalLoadBenchmark
{
    public static async Task<Section> RunAsync(BenchContext context)
    {
        var national = await context.NationalAsync();
        var data = national.Data;
        var suite = national.Suite;
        var quarter = national.QuartersLoaded + 1;
        var period = NationalData.Quarter(quarter);
        var window = TimeSpan.FromSeconds(context.IntArg("--window", context.Quick ? 5 : 50));
        var watched = data.Indicators[0];

        Console.WriteLine($"  {data.Counties.Count:#,0} county clients and {data.Prefectures.Count} watchers: tokens, channels, connections …");
        var clients = data.Counties.Select((county, c) => new CountyClient(county, c,
            suite.ChannelWith(suite.Issue($"bench-load-{county}", Roles.CountyReporter, county, NationalSuite.TokenLifetime)))).ToList();
        await Task.WhenAll(clients.Select(c => c.Channel.ConnectAsync()));
        using var stop = new CancellationTokenSource();
        var watchers = data.Prefectures.Select(p => new PrefectureWatcher(
            suite.ChannelWith(suite.Issue($"bench-load-analyst-{p}", Roles.PrefectureAnalyst, p, NationalSuite.TokenLifetime)),
            p, period, watched, data.PrefectureTotal(p, 0, quarter), stop.Token)).ToList();
        await Task.WhenAll(watchers.Select(w => w.Ready));
        var rssBefore = ProcStats.Rss(suite.ProcessId);

        Console.WriteLine($"  {clients.Count:#,0} clients submit {period}, spread over {window.TotalSeconds:0} s …");
        var errors = new ConcurrentDictionary<StatusCode, int>();
        var latencies = new ConcurrentBag<double>();
        long lastSequence = 0;
        var rssPeakDuring = 0L;
        var clock = new PhaseClock(suite.ProcessId);
        var started = Stopwatch.GetTimestamp();
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                rssPeakDuring = Math.Max(rssPeakDuring, ProcStats.Rss(suite.ProcessId));
                try { await Task.Delay(200, sampling.Token); } catch (OperationCanceledException) { }
            }
        });
        await Task.WhenAll(clients.Select(async (client, i) =>
        {
            var at = TimeSpan.FromTicks(window.Ticks * i / clients.Count);
            var wait = at - Stopwatch.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }
            var request = client.Request(data, quarter);
            var start = Stopwatch.GetTimestamp();
            try
            {
                var response = await client.Indicators.SubmitFiguresAsync(request, deadline: DateTime.UtcNow.AddSeconds(60));
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                NationalSuite.InterlockedMax(ref lastSequence, response.LastSequence);
            }
            catch (RpcException exception)
            {
                errors.AddOrUpdate(exception.StatusCode, 1, (_, n) => n + 1);
            }
        }));
        var pushes = clock.Stop($"{clients.Count:#,0} SubmitFigures of {data.Indicators.Count} figures, starts spread over {window.TotalSeconds:0} s");
        national.NoteSubmitted(quarter, lastSequence);
        var catchUp = await national.WaitForAggregatorAsync("aggregator catches up (after the last acknowledgement)");
        var settled = await Task.WhenAll(watchers.Select(w => w.SettledAsync(TimeSpan.FromSeconds(30))));
        await sampling.CancelAsync();
        await sampler;
        await stop.CancelAsync();
        var rssAfter = ProcStats.Rss(suite.ProcessId);
        var peak = ProcStats.PeakRss(suite.ProcessId);
        national.NotePeak($"the national load ({clients.Count:#,0} clients, {period})");
        await national.CheckTotalsAsync(quarter);
        foreach (var client in clients)
        {
            client.Channel.Dispose();
        }
        foreach (var watcher in watchers)
        {
            watcher.Channel.Dispose();
        }
        // What an idle suite keeps after a burst (until issue 22 a releaser closed idle SQLite connections every 10 s;
        // measured on and off here, it gave nothing back).
        await Task.Delay(TimeSpan.FromSeconds(12));
        var rssIdle = ProcStats.Rss(suite.ProcessId);

        var sorted = latencies.Order().ToList();
        var errorCount = errors.Values.Sum();
        var errorText = errorCount == 0 ? "0" : string.Join(", ", errors.OrderBy(e => e.Key).Select(e => $"{e.Value} {e.Key}"));
        var updates = watchers.Sum(w => w.Updates);
        var figures = (long)clients.Count * data.Indicators.Count;
        var rows = new List<Row>
        {
            new("national-load", $"{clients.Count:#,0} county clients (own connection and token) submit {period}, spread over {window.TotalSeconds:0} s: errors",
                errorText, "", "0", errorCount == 0),
            new("national-load", $"{clients.Count:#,0} pushes done within 60 s (wall from first start to last answer)", $"{Report.S(pushes.Wall)}; latency p99 {Report.Percentile(sorted, 99)} ms", "",
                "≤ 60 s", pushes.Wall <= TimeSpan.FromSeconds(60) && (context.Quick || clients.Count >= 2_000)),
            new("national-load", $"{watchers.Count} prefecture watchers reached their final total", $"{settled.Count(s => s)} of {watchers.Count}", "",
                "all", settled.All(s => s)),
        };
        var body = $"""
            ## National load: {clients.Count:#,0} county clients at once

            Issue 21. On the suite of the benchmarks above ({national.QuartersLoaded - 1} quarter(s) already loaded), each of the data set's
            {clients.Count:#,0} counties is its own client: its own `GrpcChannel` (its own HTTP/2 connection, opened before the clock starts)
            and its own county reporter token scoped to that county. Each sends one `SubmitFigures` with a request id and its
            {data.Indicators.Count} figures for {period} ({figures:#,0} figures in all), the starts spread evenly over {window.TotalSeconds:0} s,
            while {watchers.Count} `WatchSummary` watchers, one per prefecture with that prefecture's analyst token and its own channel, follow
            {watched} of {period}. Errors count every non-OK status, by code. Latency is from the call to its answer (ms).
            Resident memory is `VmRSS`/`VmHWM` from `/proc/<pid>/status` of the suite process.

            | measure | value |
            | --- | ---: |
            | clients (channels, tokens) | {clients.Count:#,0} |
            | figures submitted | {figures:#,0} ({latencies.Count:#,0} calls answered OK) |
            | errors | {errorText} |
            | wall, first start to last answer | {Report.S(pushes.Wall)} |
            | suite CPU over the pushes | {Report.S(pushes.ServerCpu)} ({Report.N(pushes.ServerCpu / pushes.Wall, "0.00")} cores busy) |
            | SubmitFigures latency p50 / p95 / p99 / max | {Report.Percentile(sorted, 50)} / {Report.Percentile(sorted, 95)} / {Report.Percentile(sorted, 99)} / {Report.Percentile(sorted, 100)} ms |
            | aggregator caught up, after the last answer | {Report.S(catchUp.Wall)} |
            | watchers' updates received (all {watchers.Count}) | {updates:#,0} |
            | watchers that saw their prefecture's exact final total | {settled.Count(s => s)} of {watchers.Count} |
            | suite VmRSS before the pushes / highest sampled during (every 200 ms) / after | {Report.Mb(rssBefore)} / {Report.Mb(rssPeakDuring)} / {Report.Mb(rssAfter)} |
            | suite VmRSS idle, 12 s after the load | {Report.Mb(rssIdle)} |
            | suite VmHWM (peak since start) after the load | {Report.Mb(peak)} |
            """;
        Console.WriteLine(body);
        return new Section(rows, body);
    }

    /// <summary>One county's client: its own channel carrying its own token.</summary>
    private sealed class CountyClient(string county, int index, GrpcChannel channel)
    {
        public GrpcChannel Channel { get; } = channel;

        public IndicatorService.IndicatorServiceClient Indicators { get; } = new(channel);

        public SubmitFiguresRequest Request(NationalData data, int quarter)
        {
            var request = new SubmitFiguresRequest { RequestId = $"bench-load-{quarter}-{county}", OrgUnit = county, Period = NationalData.Quarter(quarter) };
            for (var i = 0; i < data.Indicators.Count; i++)
            {
                request.Figures.Add(new FigureInput
                {
                    Indicator = data.Indicators[i],
                    Quantity = new Quantity { Value = Contracts.Common.V1.Decimal.From(NationalData.Value(index, i, quarter)), Unit = "亿元" },
                    YoyGrowthPct = Contracts.Common.V1.Decimal.From(NationalData.Growth(index, i)),
                    Status = FigureStatus.Reported,
                });
            }
            return request;
        }
    }
}
