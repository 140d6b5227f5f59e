using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.Testing;
using Xunit.Abstractions;

namespace IndicatorExchange.EndToEnd.Tests.Faults;

/// <summary>
/// The all-in-one suite killed with SIGKILL at random moments while the eleven Ili counties push revisions through
/// the client library (request ids, retries): afterwards every acknowledged request is one revision, in order, and
/// the prefecture's summary is the counties' own decimal sums.
/// </summary>
public sealed class SuiteKilledDuringIngestTests(ITestOutputHelper output) : IDisposable
{
    private const string Period = "2025";
    private const int Kills = 10;
    private readonly TemporaryDirectory _temporary = new("ix-fault-ingest-");

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task Every_acknowledged_revision_is_stored_once_across_ten_SIGKILLs()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var port = SuiteProcess.FreePort();
        string[] arguments = ["--Limits:RequestsPerSecond=0"];
        var suite = await SuiteProcess.StartOnPortAsync(port, _temporary.Path, new Dictionary<string, string>(), [.. arguments, "--demo=reference"]);
        try
        {
            var counties = (await new IndicatorService.IndicatorServiceClient(suite.Channel)
                .ListOrgUnitsAsync(new ListOrgUnitsRequest { ParentCode = "654000" })).OrgUnits.Select(u => u.Code).ToArray();
            Assert.Equal(11, counties.Length);

            using var stop = new CancellationTokenSource();
            using var overall = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var pushers = counties.Select((county, index) => new CountyPusher(county, suite.Issue($"fault-{county}", Roles.CountyReporter, county),
                suite.Address, seed + index)).ToArray();
            var running = pushers.Select(p => Task.Run(() => p.RunAsync(stop.Token, overall.Token))).ToArray();

            for (var kill = 0; kill < Kills; kill++)
            {
                // Let the counties get through again after the restart, then kill at a random moment of their pushing.
                var before = pushers.Sum(p => p.Acknowledged.Count);
                while (pushers.Sum(p => p.Acknowledged.Count) < before + counties.Length)
                {
                    if (running.FirstOrDefault(t => t.IsFaulted) is { } failed)
                    {
                        await failed; // a county met an error other than the suite being away: the test fails with it
                    }
                    overall.Token.ThrowIfCancellationRequested();
                    await Task.Delay(20);
                }
                await Task.Delay(random.Next(0, 700));
                await suite.KillAsync();
                await suite.DisposeAsync();
                suite = await SuiteProcess.StartOnPortAsync(port, _temporary.Path, new Dictionary<string, string>(), arguments);
            }
            var settled = pushers.Sum(p => p.Acknowledged.Count);
            while (pushers.Sum(p => p.Acknowledged.Count) < settled + counties.Length)
            {
                await Task.Delay(20);
            }
            await stop.CancelAsync();
            await Task.WhenAll(running);
            output.WriteLine($"{pushers.Sum(p => p.Acknowledged.Count)} requests acknowledged, {pushers.Sum(p => p.Retries)} retried after a failure");

            using var reader = new IndicatorExchangeClient(new IndicatorExchangeClientOptions
            {
                IndicatorAddress = suite.Address, AggregationAddress = suite.Address, TargetAddress = suite.Address,
                BearerToken = suite.Issue("fault-reader", Roles.CountyReporter, "650000"),
            });
            foreach (var pusher in pushers)
            {
                await AssertStoredOnceAsync(reader, pusher, "GDP");
                await AssertStoredOnceAsync(reader, pusher, "FOREIGN_TRADE");
            }

            var lastSequence = pushers.Max(p => p.LastSequence);
            var summary = await SummaryAfterAsync(reader, lastSequence);
            var gdp = summary.Rows.Single(r => r.Indicator == "GDP");
            var trade = summary.Rows.Single(r => r.Indicator == "FOREIGN_TRADE");
            Assert.False(gdp.Partial);
            Assert.Empty(gdp.MissingOrgUnits);
            Assert.Equal(pushers.Sum(p => p.Acknowledged[^1].Gdp), Figures.Parse(gdp.Total));
            // Sent in 万美元, summed in the canonical 亿美元: exactly a ten-thousandth of the clients' own sum.
            Assert.Equal(pushers.Sum(p => p.Acknowledged[^1].TradeTenThousands) / 10_000m, Figures.Parse(trade.Total));
        }
        finally
        {
            await suite.DisposeAsync();
        }
    }

    private static async Task AssertStoredOnceAsync(IndicatorExchangeClient reader, CountyPusher pusher, string indicator)
    {
        var history = await reader.GetFigureHistoryAsync(pusher.County, Period, indicator);
        var acknowledged = pusher.Acknowledged.ToArray();
        Assert.Equal(acknowledged.Select(a => a.RequestId), history.OrderBy(h => h.Revision).Select(h => h.RequestId));
        Assert.Equal(Enumerable.Range(1, acknowledged.Length).Select(r => (long)r), history.Select(h => h.Revision).Order());
        var expected = acknowledged.Select(a => indicator == "GDP" ? a.Gdp : a.TradeTenThousands);
        Assert.Equal(expected, history.OrderBy(h => h.Revision).Select(h => Figures.Parse(h.Sent.Value)));
    }

    private static async Task<Summary> SummaryAfterAsync(IndicatorExchangeClient reader, long sequence)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var summary = await reader.GetSummaryAsync(new GetSummaryRequest { OrgUnit = "654000", Period = Period, Indicators = { "GDP", "FOREIGN_TRADE" } });
            if (summary.AsOfSequence >= sequence)
            {
                return summary;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the summary stayed at sequence {summary.AsOfSequence}, below {sequence}");
            await Task.Delay(100);
        }
    }

    /// <summary>One county system: revises its GDP and foreign trade again and again, each request sent until acknowledged.</summary>
    private sealed class CountyPusher(string county, string token, string address, int seed)
    {
        private readonly Random _random = new(seed);

        public string County => county;

        public List<(string RequestId, decimal Gdp, decimal TradeTenThousands)> Acknowledged { get; } = [];

        public long LastSequence { get; private set; }

        public int Retries { get; private set; }

        public async Task RunAsync(CancellationToken stop, CancellationToken overall)
        {
            using var client = new IndicatorExchangeClient(new IndicatorExchangeClientOptions
            {
                IndicatorAddress = address, AggregationAddress = address, TargetAddress = address, BearerToken = token,
                Deadline = TimeSpan.FromSeconds(10), MaxAttempts = 3, CircuitBreakDuration = TimeSpan.FromMilliseconds(300),
            });
            for (var number = 1; !stop.IsCancellationRequested; number++)
            {
                // Strictly increasing, so each request changes both figures: one new revision per request.
                var gdp = number * 10m + _random.Next(0, 1000) / 100m;
                var trade = number * 1000m + _random.Next(0, 10_000) / 1000m;
                var request = Figures.Batch(county, Period, Figures.Figure("GDP", gdp, "亿元"), Figures.Figure("FOREIGN_TRADE", trade, "万美元"));
                request.RequestId = $"fault-{county}-{number}";
                var response = await SubmitUntilAcknowledgedAsync(client, request, overall);
                lock (Acknowledged)
                {
                    Acknowledged.Add((request.RequestId, gdp, trade));
                }
                LastSequence = Math.Max(LastSequence, response.LastSequence);
            }
        }

        private async Task<SubmitFiguresResponse> SubmitUntilAcknowledgedAsync(IndicatorExchangeClient client, SubmitFiguresRequest request, CancellationToken overall)
        {
            while (true)
            {
                overall.ThrowIfCancellationRequested();
                try
                {
                    return await client.SubmitFiguresAsync(request, overall);
                }
                catch (Exception e) when (e is ServiceUnavailableException
                    || e is Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.Unavailable or Grpc.Core.StatusCode.DeadlineExceeded })
                {
                    // The suite is down or restarting: the same request, with the same id, again.
                    Retries++;
                    await Task.Delay(100, overall);
                }
            }
        }
    }
}
