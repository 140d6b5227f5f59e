using System.Diagnostics;
using Grpc.Core;
using IndicatorExchange.Access.Tokens;
using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.Testing;
using IndicatorExchange.Testing.Postgres;
using Xunit.Abstractions;

namespace IndicatorExchange.EndToEnd.Tests.Faults;

/// <summary>
/// Issue 23's end-to-end test of replicas: real processes on loopback over one PostgreSQL database (two indicator
/// replicas, two aggregation replicas, one target service, each with a data directory of its own holding a copy of one
/// keys file). Two systems in each of the eleven Ili counties revise the county's figures at once, alternately through
/// both indicator replicas; mid-run the leading aggregator and one indicator replica are killed with SIGKILL, and a
/// request that got no answer is sent again, with the same request id, to the other replica. Afterwards every
/// acknowledged request is exactly one revision, and the summaries served by the surviving aggregator equal the test's
/// own sums of the last acknowledged value of each figure.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ReplicasKilledOnPostgresTests(PostgresServer postgres, SkipReasons skips, ITestOutputHelper output)
    : IClassFixture<PostgresServer>, IClassFixture<SkipReasons>, IDisposable
{
    private const string Prefecture = "654000";
    private const string Province = "650000";
    private const string Period = "2025";
    private const string Leading = "Leading the aggregation replicas";
    private readonly TemporaryDirectory _temporary = new("ix-replicas-");
    private readonly List<Task<SuiteProcess>> _starting = [];

    public void Dispose() => _temporary.Dispose();

    [SkippableFact]
    public async Task Replicas_killed_mid_run_lose_no_acknowledged_figure_and_count_none_twice()
    {
        skips.SkipUnless(postgres.Available, postgres.Unavailable ?? "");
        var clock = Stopwatch.StartNew();
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        try
        {
            await RunAsync(seed, clock);
        }
        finally
        {
            foreach (var starting in _starting)
            {
                // A start may still be under way when the test failed: its process is disposed once it serves.
                await Task.WhenAny(starting);
                if (starting.IsCompletedSuccessfully)
                {
                    await starting.Result.DisposeAsync();
                }
            }
            output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s in all");
        }
    }

    private async Task RunAsync(int seed, Stopwatch clock)
    {
        var database = await postgres.CreateDatabaseAsync("replicas");
        var keys = Path.Combine(_temporary.Path, "signing-keys.json");
        SigningKeyGenerator.Generate(keys);
        string[] common = ["--storage=postgres", $"--connection-string={database}", "--Limits:RequestsPerSecond=0"];

        var indicatorA = await StartAsync("indicator-a", keys, [.. common, "--target=indicator", "--demo=reference"]);
        // Replica B starts while the others do (the machine's two cores start the processes sooner side by side).
        var startingB = StartAsync("indicator-b", keys, [.. common, "--target=indicator"]);
        var target = await StartAsync("target", keys, [.. common, "--target=target", $"--indicator-address={indicatorA.Address}"]);
        // The aggregators follow replica A's change feed (one peer address each), which shows every replica's commits.
        string[] aggregation = [.. common, "--target=aggregation", $"--indicator-address={indicatorA.Address}", $"--target-address={target.Address}"];
        var leader = await StartAsync("aggregation-x", keys, aggregation);
        await WaitForOutputAsync(leader, Leading, TimeSpan.FromSeconds(20));
        var standby = await StartAsync("aggregation-y", keys, aggregation);
        Assert.DoesNotContain(Leading, standby.Output, StringComparison.Ordinal);
        var indicatorB = await startingB;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: five processes serving");

        var counties = (await new IndicatorService.IndicatorServiceClient(indicatorA.Channel)
            .ListOrgUnitsAsync(new ListOrgUnitsRequest { ParentCode = Prefecture })).OrgUnits.Select(u => u.Code).ToArray();
        Assert.Equal(11, counties.Length);
        // Two systems per county revise the same figures at once, each through the replica the other is not using.
        var bases = new Random(seed);
        var pushers = counties.SelectMany((county, index) =>
        {
            var token = indicatorA.Issue($"replica-{county}", Roles.CountyReporter, county);
            var (gdpBase, tradeBase) = (bases.Next(100, 900), bases.Next(1_000, 90_000));
            return new[] { 0, 1 }.Select(writer => new CountyPusher(county, writer, index + writer, seed + 2 * index + writer, token,
                gdpBase, tradeBase, [indicatorA, indicatorB]));
        }).ToArray();

        using var stop = new CancellationTokenSource();
        using var overall = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var running = pushers.Select(p => Task.Run(() => p.RunAsync(stop.Token, overall.Token))).ToArray();
        var random = new Random(seed);

        await PushForAsync(pushers, running, random, overall.Token);
        await leader.KillAsync();
        var takeover = TimeUntilOutputAsync(standby, Leading, TimeSpan.FromSeconds(15));
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: the leading aggregator killed after {Acknowledged(pushers)} acknowledged requests");
        // While the counties go on, the standby answers reads from the shared rollups, whether or not it leads yet.
        var read = new AggregationService.AggregationServiceClient(standby.Channel).GetSummaryAsync(
            new GetSummaryRequest { OrgUnit = Prefecture, Period = Period }, deadline: DateTime.UtcNow.AddSeconds(15)).ResponseAsync;
        await PushForAsync(pushers, running, random, overall.Token);
        Assert.Equal(Prefecture, (await read).Summary.OrgUnit);
        await indicatorB.KillAsync();
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: indicator replica B killed after {Acknowledged(pushers)} acknowledged requests");
        await PushForAsync(pushers, running, random, overall.Token);
        await stop.CancelAsync();
        await Task.WhenAll(running);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: {Acknowledged(pushers)} requests acknowledged, "
            + $"{pushers.Sum(p => p.Snapshot().Count(a => a.Replica == 1))} of them by replica B, "
            + $"{pushers.Sum(p => p.Failures.Count)} sent again to the other replica after no answer:");
        foreach (var failure in pushers.SelectMany(p => p.Failures).GroupBy(f => f).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"  {failure.Count()} × {failure.Key}");
        }
        Assert.All(pushers, p => Assert.Contains(p.Snapshot(), a => a.Replica == 1));
        output.WriteLine($"the standby led {(await takeover).TotalSeconds:0.0} s after the leader's death");

        // Each county system sends its last request that replica B acknowledged again, to replica A: the same answer, no revision.
        foreach (var pusher in pushers)
        {
            var answered = pusher.Snapshot().Last(a => a.Replica == 1);
            var again = await new IndicatorService.IndicatorServiceClient(indicatorA.ChannelWith(pusher.Token))
                .SubmitFiguresAsync(answered.Request, deadline: DateTime.UtcNow.AddSeconds(10));
            Assert.Equal(answered.Response, again);
        }

        using var reader = new IndicatorExchangeClient(new IndicatorExchangeClientOptions
        {
            IndicatorAddress = indicatorA.Address, AggregationAddress = standby.Address, TargetAddress = target.Address,
            BearerToken = indicatorA.Issue("replica-reader", Roles.CountyReporter, Province),
        });
        var latest = await AssertStoredOnceAsync(reader, pushers);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: every acknowledged request stored once");

        // A last commit after every acknowledged one (another period, so no summary below changes): once the surviving
        // aggregator has received it, it has received everything before it in the feed's commit order.
        var marker = await new IndicatorService.IndicatorServiceClient(indicatorA.Channel).SubmitFiguresAsync(
            Figures.Batch(counties[0], "2022", Figures.Figure("GDP", 1m, "亿元")), deadline: DateTime.UtcNow.AddSeconds(10));
        var prefecture = await SummaryAfterAsync(reader, Prefecture, marker.LastSequence);
        var province = await SummaryAfterAsync(reader, Province, marker.LastSequence);
        AssertRecomputed(prefecture, latest);
        AssertProvince(province, prefecture);
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: the surviving aggregator's summaries equal the recomputation");
    }

    private async Task<SuiteProcess> StartAsync(string name, string keys, string[] arguments)
    {
        var starting = SuiteProcess.StartAsync(ReplicaDirectory.WithKeys(_temporary.Path, name, keys), arguments);
        _starting.Add(starting);
        return await starting;
    }

    private static Task WaitForOutputAsync(SuiteProcess process, string text, TimeSpan timeout) => TimeUntilOutputAsync(process, text, timeout);

    /// <summary>How long until the process writes <paramref name="text"/> (polled every 50 ms); fails after <paramref name="timeout"/>.</summary>
    private static async Task<TimeSpan> TimeUntilOutputAsync(SuiteProcess process, string text, TimeSpan timeout)
    {
        var waited = Stopwatch.StartNew();
        while (!process.Output.Contains(text, StringComparison.Ordinal))
        {
            Assert.True(waited.Elapsed < timeout, $"'{text}' did not appear within {timeout.TotalSeconds} s:\n{process.Output}");
            await Task.Delay(50);
        }
        return waited.Elapsed;
    }

    private static int Acknowledged(CountyPusher[] pushers) => pushers.Sum(p => p.Count);

    /// <summary>
    /// Lets the counties push for a while, at least three requests each and 1.5 to 3 seconds (a random moment to
    /// kill at), failing at once with a county's unexpected error.
    /// </summary>
    private static async Task PushForAsync(CountyPusher[] pushers, Task[] running, Random random, CancellationToken overall)
    {
        var target = Acknowledged(pushers) + pushers.Length * 3;
        var pushing = Stopwatch.StartNew();
        var duration = TimeSpan.FromMilliseconds(random.Next(1_500, 3_000));
        while (Acknowledged(pushers) < target || pushing.Elapsed < duration)
        {
            if (running.FirstOrDefault(t => t.IsFaulted) is { } failed)
            {
                await failed;
            }
            Assert.False(overall.IsCancellationRequested, $"only {Acknowledged(pushers)} of {target} requests acknowledged in time");
            await Task.Delay(20);
        }
    }

    /// <summary>
    /// Each figure's history is exactly the requests acknowledged to its county's two systems, each once, numbered 1 to n,
    /// each system's in the order it sent them; its current revision is the last. Returns the last acknowledged request
    /// of each figure (county, indicator): the one with the highest revision.
    /// </summary>
    private static async Task<Dictionary<(string County, string Indicator), Acknowledgement>> AssertStoredOnceAsync(
        IndicatorExchangeClient reader, CountyPusher[] pushers)
    {
        (string Indicator, Func<Acknowledgement, decimal> Sent)[] figures = [("GDP", a => a.Gdp), ("FOREIGN_TRADE", a => a.TradeTenThousands)];
        var counties = pushers.GroupBy(p => p.County).ToDictionary(g => g.Key, g => g.ToArray());
        // Read at once (a history is a few pages), checked one by one.
        var histories = await Task.WhenAll(counties.Keys.SelectMany(county => figures.Select(async f =>
            (County: county, Figure: f, History: await reader.GetFigureHistoryAsync(county, Period, f.Indicator)))));
        var latest = new Dictionary<(string County, string Indicator), Acknowledgement>();
        foreach (var (county, (indicator, sent), unordered) in histories)
        {
            var acknowledged = counties[county].SelectMany(p => p.Snapshot()).ToDictionary(a => a.RequestId);
            var history = unordered.OrderBy(h => h.Revision).ToArray();
            Assert.Equal(Enumerable.Range(1, acknowledged.Count).Select(r => (long)r), history.Select(h => h.Revision));
            Assert.Equal(acknowledged.Keys.Order(StringComparer.Ordinal), history.Select(h => h.RequestId).Order(StringComparer.Ordinal));
            Assert.All(history, h => Assert.Equal(sent(acknowledged[h.RequestId]), Figures.Parse(h.Sent.Value)));
            var revisionOf = history.ToDictionary(h => h.RequestId, h => h.Revision);
            foreach (var pusher in counties[county])
            {
                var revisions = pusher.Snapshot().Select(a => revisionOf[a.RequestId]).ToArray();
                Assert.Equal(revisions.Order(), revisions);
            }
            latest[(county, indicator)] = acknowledged[history[^1].RequestId];
        }
        var current = await reader.Indicators.ListFiguresAsync(new ListFiguresRequest
        {
            Period = Period, Indicators = { "GDP", "FOREIGN_TRADE" }, PageSize = 1000,
        }, deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(latest.Count, current.Figures.Count);
        foreach (var ((county, indicator), last) in latest)
        {
            var figure = current.Figures.Single(f => f.OrgUnit == county && f.Indicator == indicator);
            var revisions = counties[county].Sum(p => p.Count);
            Assert.Equal((revisions, last.RequestId, indicator == "GDP" ? last.Gdp : last.TradeTenThousands),
                (figure.Revision, figure.RequestId, Figures.Parse(figure.Sent.Value)));
        }
        return latest;
    }

    private static async Task<Summary> SummaryAfterAsync(IndicatorExchangeClient reader, string orgUnit, long sequence)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var summary = await reader.GetSummaryAsync(new GetSummaryRequest { OrgUnit = orgUnit, Period = Period, Indicators = { "GDP", "FOREIGN_TRADE" } });
            if (summary.AsOfSequence >= sequence)
            {
                return summary;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the surviving aggregator stayed at sequence {summary.AsOfSequence}, below {sequence}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The prefecture's rows recomputed from the last acknowledged request of each figure: the totals are sums of the
    /// sent values (foreign trade sent in 万美元, summed in 亿美元), the growth Σ value / Σ (value / (1 + g)) − 1.
    /// </summary>
    private static void AssertRecomputed(Summary summary, Dictionary<(string County, string Indicator), Acknowledgement> latest)
    {
        var lastGdp = latest.Where(l => l.Key.Indicator == "GDP").ToDictionary(l => l.Key.County, l => l.Value);
        var lastTrade = latest.Where(l => l.Key.Indicator == "FOREIGN_TRADE").ToDictionary(l => l.Key.County, l => l.Value.TradeTenThousands / 10_000m);
        var gdp = summary.Rows.Single(r => r.Indicator == "GDP");
        var trade = summary.Rows.Single(r => r.Indicator == "FOREIGN_TRADE");
        foreach (var row in new[] { gdp, trade })
        {
            Assert.False(row.Partial);
            Assert.Empty(row.MissingOrgUnits);
            Assert.Equal((lastGdp.Count, lastGdp.Count), (row.ExpectedCount, row.ReportedCount));
        }
        Assert.Equal(lastGdp.Values.Sum(a => a.Gdp), Figures.Parse(gdp.Total));
        Assert.Equal(lastTrade.Values.Sum(), Figures.Parse(trade.Total));
        Assert.Equal(lastGdp.Keys.Order(), gdp.Children.Select(c => c.OrgUnit).Order());
        foreach (var child in gdp.Children)
        {
            Assert.Equal((lastGdp[child.OrgUnit].Gdp, lastGdp[child.OrgUnit].GrowthPct), (Figures.Parse(child.Value), Figures.Parse(child.GrowthPct)));
        }
        Assert.Equal(lastTrade.Keys.Order(), trade.Children.Select(c => c.OrgUnit).Order());
        foreach (var child in trade.Children)
        {
            Assert.Equal(lastTrade[child.OrgUnit], Figures.Parse(child.Value));
        }
        var priorYear = lastGdp.Values.Sum(a => a.Gdp / (1m + a.GrowthPct / 100m));
        var growth = (lastGdp.Values.Sum(a => a.Gdp) / priorYear - 1m) * 100m;
        Assert.Equal(Math.Round(growth, 6), Math.Round(Figures.Parse(gdp.GrowthPct), 6));
    }

    /// <summary>The province has one prefecture: its totals are the prefecture's.</summary>
    private static void AssertProvince(Summary province, Summary prefecture)
    {
        foreach (var indicator in new[] { "GDP", "FOREIGN_TRADE" })
        {
            var row = province.Rows.Single(r => r.Indicator == indicator);
            var below = prefecture.Rows.Single(r => r.Indicator == indicator);
            Assert.Equal(Figures.Parse(below.Total), Figures.Parse(row.Total));
            Assert.Equal(Prefecture, Assert.Single(row.Children).OrgUnit);
            Assert.False(row.Partial);
        }
    }

    /// <summary>An acknowledged request, the figures it sent, the replica that answered (0 is A, 1 is B) and its answer.</summary>
    private sealed record Acknowledgement(string RequestId, decimal Gdp, decimal GrowthPct, decimal TradeTenThousands,
        int Replica, SubmitFiguresRequest Request, SubmitFiguresResponse Response);

    /// <summary>
    /// One of a county's two systems (<paramref name="writer"/> 0 or 1): revises the county's GDP and foreign trade again
    /// and again, request n through replica (offset + n) mod 2; a request that gets no answer (the replica is gone) goes
    /// again, with the same request id, to the other replica. Its values end in an even number of cents for writer 0 and
    /// an odd one for writer 1, so every request changes both figures, whichever system wrote last: one revision each.
    /// </summary>
    private sealed class CountyPusher(string county, int writer, int offset, int seed, string token, int gdpBase, int tradeBase,
        SuiteProcess[] replicas)
    {
        private readonly Random _random = new(seed);
        private readonly List<Acknowledgement> _acknowledged = [];

        public string County => county;

        public int Count
        {
            get { lock (_acknowledged) { return _acknowledged.Count; } }
        }

        public string Token => token;

        /// <summary>Why each attempt that got no answer failed (status and detail).</summary>
        public List<string> Failures { get; } = [];

        public Acknowledgement[] Snapshot()
        {
            lock (_acknowledged)
            {
                return [.. _acknowledged];
            }
        }

        public async Task RunAsync(CancellationToken stop, CancellationToken overall)
        {
            var clients = replicas.Select(r => new IndicatorService.IndicatorServiceClient(r.ChannelWith(token))).ToArray();
            for (var number = 1; !stop.IsCancellationRequested; number++)
            {
                var gdp = gdpBase + number + (2 * _random.Next(0, 50) + writer) / 100m;
                var growth = _random.Next(-30, 120) / 10m;
                var trade = tradeBase + number * 10m + (2 * _random.Next(0, 500) + writer) / 100m;
                var request = Figures.Batch(county, Period, Figures.Figure("GDP", gdp, "亿元", growth), Figures.Figure("FOREIGN_TRADE", trade, "万美元"));
                request.RequestId = $"replica-{county}-{writer}-{number}";
                var replica = (offset + number) % 2;
                SubmitFiguresResponse response;
                while (true)
                {
                    overall.ThrowIfCancellationRequested();
                    try
                    {
                        response = await clients[replica].SubmitFiguresAsync(request, deadline: DateTime.UtcNow.AddSeconds(10), cancellationToken: overall);
                        break;
                    }
                    catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
                    {
                        // No answer: the same request, with the same id, to the other replica.
                        Failures.Add($"{e.StatusCode}: {e.Status.Detail}");
                        replica = 1 - replica;
                        await Task.Delay(50, overall);
                    }
                }
                Assert.Equal(2, response.Summary.Created + response.Summary.Updated);
                lock (_acknowledged)
                {
                    _acknowledged.Add(new Acknowledgement(request.RequestId, gdp, growth, trade, replica, request, response));
                }
            }
        }
    }
}
