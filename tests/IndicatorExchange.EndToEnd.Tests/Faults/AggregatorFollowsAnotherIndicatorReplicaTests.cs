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
/// An aggregation service given both indicator replicas (<c>--indicator-address=A,B</c>) follows the change feed through
/// the first, and when that one dies (SIGKILL) goes on through the other: a figure submitted to the survivor reaches its
/// summaries. With one address it would stop until the dead replica came back.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class AggregatorFollowsAnotherIndicatorReplicaTests(PostgresServer postgres, SkipReasons skips, ITestOutputHelper output)
    : IClassFixture<PostgresServer>, IClassFixture<SkipReasons>, IDisposable
{
    private const string County = "654002";
    private const string Prefecture = "654000";
    private readonly TemporaryDirectory _temporary = new("ix-follow-");
    private readonly List<SuiteProcess> _processes = [];

    public void Dispose() => _temporary.Dispose();

    [SkippableFact]
    public async Task When_the_indicator_replica_it_follows_dies_the_aggregator_follows_the_other()
    {
        skips.SkipUnless(postgres.Available, postgres.Unavailable ?? "");
        try
        {
            var database = await postgres.CreateDatabaseAsync("follow");
            var keys = Path.Combine(_temporary.Path, "signing-keys.json");
            SigningKeyGenerator.Generate(keys);
            string[] common = ["--storage=postgres", $"--connection-string={database}"];
            var indicatorA = await StartAsync("indicator-a", keys, [.. common, "--target=indicator", "--demo=reference"]);
            var indicatorB = await StartAsync("indicator-b", keys, [.. common, "--target=indicator"]);
            var both = $"{indicatorA.Address},{indicatorB.Address}";
            var target = await StartAsync("target", keys, [.. common, "--target=target", $"--indicator-address={both}"]);
            var aggregation = await StartAsync("aggregation", keys,
                [.. common, "--target=aggregation", $"--indicator-address={both}", $"--target-address={target.Address}"]);
            var reporter = indicatorA.Issue("follow-reporter", Roles.CountyReporter, County);
            var summaries = new AggregationService.AggregationServiceClient(
                aggregation.ChannelWith(aggregation.Issue("follow-analyst", Roles.PrefectureAnalyst, Prefecture)));

            await new IndicatorService.IndicatorServiceClient(indicatorA.ChannelWith(reporter)).SubmitFiguresAsync(
                Figures.Batch(County, "2022", Figures.Figure("GDP", 500m, "亿元")), deadline: DateTime.UtcNow.AddSeconds(10));
            await CountyValueAsync(summaries, "500");
            output.WriteLine("the aggregator follows replica A's feed");

            await indicatorA.KillAsync();
            var clock = Stopwatch.StartNew();
            await new IndicatorService.IndicatorServiceClient(indicatorB.ChannelWith(reporter)).SubmitFiguresAsync(
                Figures.Batch(County, "2022", Figures.Figure("GDP", 600m, "亿元")), deadline: DateTime.UtcNow.AddSeconds(10));
            await CountyValueAsync(summaries, "600");
            output.WriteLine($"replica A killed; a figure submitted to B reached the summary {clock.Elapsed.TotalSeconds:0.0} s later");
        }
        finally
        {
            foreach (var process in _processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    /// <summary>Polls the prefecture's summary until the county's GDP is <paramref name="value"/>; fails after 30 s.</summary>
    private static async Task CountyValueAsync(AggregationService.AggregationServiceClient summaries, string value)
    {
        var deadline = Stopwatch.StartNew();
        string? seen = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                var summary = (await summaries.GetSummaryAsync(new GetSummaryRequest { OrgUnit = Prefecture, Period = "2022", Indicators = { "GDP" } },
                    deadline: DateTime.UtcNow.AddSeconds(5))).Summary;
                seen = summary.Rows.Single().Children.SingleOrDefault(c => c.OrgUnit == County)?.Value?.Value;
                if (seen == value)
                {
                    return;
                }
            }
            catch (RpcException exception) when (exception.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded)
            {
                seen = exception.Status.Detail;
            }
            await Task.Delay(100);
        }
        Assert.Fail($"the county's GDP in the summary is {seen ?? "absent"}, not {value}, after 30 s");
    }

    private async Task<SuiteProcess> StartAsync(string name, string keys, string[] arguments)
    {
        var process = await SuiteProcess.StartAsync(ReplicaDirectory.WithKeys(_temporary.Path, name, keys), arguments);
        _processes.Add(process);
        return process;
    }
}
