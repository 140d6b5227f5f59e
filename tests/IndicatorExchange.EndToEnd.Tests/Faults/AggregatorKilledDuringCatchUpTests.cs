using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.Testing;
using Xunit.Abstractions;

namespace IndicatorExchange.EndToEnd.Tests.Faults;

/// <summary>
/// The aggregation process, beside an indicator and a target process, killed with SIGKILL several times while it
/// catches up with a long change feed: once it has caught up, its summaries are those of a rebuild from the feed.
/// </summary>
public sealed class AggregatorKilledDuringCatchUpTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Periods = ["2019", "2020", "2021", "2022", "2023", "2024", "2025"];
    private const int Kills = 5;
    private readonly TemporaryDirectory _temporary = new("ix-fault-aggregator-");

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task Killed_mid_catch_up_the_aggregator_ends_with_the_summaries_of_a_rebuild()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var data = _temporary.Path;
        await using var indicator = await SuiteProcess.StartAsync(data, "--target=indicator", "--demo=reference", "--Limits:RequestsPerSecond=0");
        await using var target = await SuiteProcess.StartAsync(data, "--target=target", $"--indicator-address={indicator.Address}");
        string[] aggregationArguments = ["--target=aggregation", $"--indicator-address={indicator.Address}", $"--target-address={target.Address}"];

        var lastSequence = await PushRevisionsAsync(new IndicatorService.IndicatorServiceClient(indicator.Channel), indicator.Address,
            indicator.Issue("fault-uploader", Roles.CountyReporter, "654000"), random);
        output.WriteLine($"change feed up to sequence {lastSequence}");

        var killedMidway = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            // Killed a random moment after it answers: mid catch-up while its cursor is short of the feed's end.
            var aggregation = await SuiteProcess.StartAsync(data, aggregationArguments);
            await Task.Delay(random.Next(0, 200));
            var reached = await CursorAsync(new AggregationService.AggregationServiceClient(aggregation.Channel));
            await aggregation.KillAsync();
            await aggregation.DisposeAsync();
            output.WriteLine($"kill {kill + 1}: the aggregator was at sequence {reached} of {lastSequence}");
            killedMidway += reached < lastSequence ? 1 : 0;
        }
        Assert.True(killedMidway > 0, "every kill came after the catch-up: the feed is too short to test a kill mid catch-up");

        await using var last = await SuiteProcess.StartAsync(data, aggregationArguments);
        var client = new AggregationService.AggregationServiceClient(last.Channel);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (await CursorAsync(client) < lastSequence)
        {
            Assert.True(DateTime.UtcNow < deadline, "the aggregator never caught up after its last restart");
            await Task.Delay(100);
        }
        var caughtUp = await SummariesAsync(client);

        var rebuilt = await client.RebuildRollupsAsync(new RebuildRollupsRequest { Source = RebuildSource.ChangeFeed }, deadline: DateTime.UtcNow.AddMinutes(2));
        Assert.Equal(lastSequence, rebuilt.AsOfSequence);
        var afterRebuild = await SummariesAsync(client);

        Assert.Equal(afterRebuild.Count, caughtUp.Count);
        foreach (var (key, summary) in afterRebuild)
        {
            Assert.True(summary.Equals(caughtUp[key]), $"{key} after the kills:\n{caughtUp[key]}\nrebuilt:\n{summary}");
        }
        Assert.Contains(caughtUp.Values, s => s.Rows.Any(r => r.Total is not null)); // the comparison is of real totals
    }

    /// <summary>Every county's every annual indicator for seven years, then revisions of each: a feed to catch up with.</summary>
    private static async Task<long> PushRevisionsAsync(IndicatorService.IndicatorServiceClient client, string address, string token, Random random)
    {
        var indicators = (await client.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 1000 })).Indicators
            .Where(i => i.Periodicities.Count == 0 || i.Periodicities.Contains(PeriodKind.Annual)).ToArray();
        var counties = (await client.ListOrgUnitsAsync(new ListOrgUnitsRequest { ParentCode = "654000" })).OrgUnits.Select(u => u.Code).ToArray();
        long last = 0;
        using var pusher = new IndicatorExchangeClient(new IndicatorExchangeClientOptions
        {
            IndicatorAddress = address, TargetAddress = address, AggregationAddress = address, BearerToken = token,
        });
        // The consumer applies up to 25,000 revisions a transaction: a feed of about 47,000 takes two, and seconds.
        for (var round = 1; round <= 14; round++)
        {
            // One upload a round: every figure of every county and year, each round a revision of the one before.
            var batches = counties.SelectMany(county => Periods.Select(period => Figures.UploadBatch(county, period,
                [.. indicators.Select(i => Figures.Figure(i.Code, Value(i, random), i.Unit, yoyGrowthPct: random.Next(-50, 150) / 10m))]))).ToArray();
            last = Math.Max(last, (await pusher.UploadFiguresAsync($"catch-up-{round}", batches)).LastSequence);
        }
        return last;
    }

    private static decimal Value(Indicator indicator, Random random)
    {
        var low = indicator.MinValue is { } min ? Figures.Parse(min) : 0m;
        var high = indicator.MaxValue is { } max ? Figures.Parse(max) : low + 100_000m;
        return Math.Max(low, Math.Round(low + (high - low) * random.Next(1, 1000) / 1000m, 2));
    }

    private static async Task<long> CursorAsync(AggregationService.AggregationServiceClient client) =>
        (await client.GetSummaryAsync(new GetSummaryRequest { OrgUnit = "654000", Period = Periods[^1], Indicators = { "GDP" } },
            deadline: DateTime.UtcNow.AddSeconds(10))).Summary.AsOfSequence;

    private static async Task<Dictionary<string, Summary>> SummariesAsync(AggregationService.AggregationServiceClient client)
    {
        var summaries = new Dictionary<string, Summary>();
        foreach (var org in new[] { "650000", "654000", "654002" })
        {
            foreach (var period in Periods)
            {
                summaries[$"{org} {period}"] = (await client.GetSummaryAsync(new GetSummaryRequest { OrgUnit = org, Period = period },
                    deadline: DateTime.UtcNow.AddSeconds(30))).Summary;
            }
        }
        return summaries;
    }
}
