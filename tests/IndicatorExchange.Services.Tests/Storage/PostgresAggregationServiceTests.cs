using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Testing;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// The aggregation service on PostgreSQL answers as on SQLite (issue 23): the seeds' summaries of a prefecture, its
/// region and a county for several periods, a series, and a resubmission that reaches a WatchSummary stream.
/// </summary>
public sealed class PostgresAggregationServiceTests(PostgresSuiteFactory postgres, SuiteFactory sqlite, SkipReasons skips)
    : IClassFixture<PostgresSuiteFactory>, IClassFixture<SuiteFactory>, IClassFixture<SkipReasons>
{
    private const string Prefecture = "654000";

    [SkippableFact]
    public async Task Summaries_of_the_seeds_and_a_resubmission_reaching_a_watcher_are_the_same_on_postgres_as_on_sqlite()
    {
        skips.SkipUnless(postgres.Postgres.Available, postgres.Postgres.Unavailable ?? "");

        var answers = await Task.WhenAll(RunAsync(postgres), RunAsync(sqlite));

        // The answers came from PostgreSQL: the rollups are in the aggregation service's schema.
        await using (var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM aggregation.node_values WHERE org_unit = '654000'", connection);
            Assert.True((long)(await count.ExecuteScalarAsync())! > 0);
        }
        Assert.Contains("\"total\"", answers[0]);
        Assert.Equal(answers[1], answers[0]);
    }

    /// <summary>Every answer of the scenario as text, with the moments of arrival and the feed positions left out (they differ between runs).</summary>
    private static async Task<string> RunAsync(SuiteFactory suite)
    {
        var indicators = new IndicatorService.IndicatorServiceClient(suite.CreateChannel());
        var aggregation = new AggregationService.AggregationServiceClient(suite.CreateChannel());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var answers = new List<string>();

        using var watch = aggregation.WatchSummary(
            new WatchSummaryRequest { OrgUnit = Prefecture, Period = "2022", Indicators = { "GDP" } }, cancellationToken: timeout.Token);
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        var resubmitted = await indicators.SubmitFiguresAsync(Batch("654002", "2022", Figure("GDP", "987.65", "亿元", "4.5")));
        // The watcher gets the resubmission (after the seeds, should the aggregator still be catching up).
        while (Row(watch.ResponseStream.Current.Summary, "GDP").Children.SingleOrDefault(c => c.OrgUnit == "654002")?.Value?.Value != "987.65")
        {
            Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        }
        answers.Add(Text(watch.ResponseStream.Current.Summary));

        await SummaryAfterAsync(aggregation, new GetSummaryRequest { OrgUnit = Prefecture, Period = "2022" }, resubmitted.LastSequence);
        foreach (var (orgUnit, period) in new[] { (Prefecture, "2022"), (Prefecture, "2021"), ("650000", "2022"), ("654002", "2022"), (Prefecture, "2022Q4") })
        {
            answers.Add(Text((await aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = orgUnit, Period = period })).Summary));
            answers.Add(Text((await aggregation.GetSummaryAsync(
                new GetSummaryRequest { OrgUnit = orgUnit, Period = period, PeriodValues = PeriodValues.PeriodOnly })).Summary));
        }
        answers.Add((await aggregation.ListSeriesAsync(new ListSeriesRequest { OrgUnit = Prefecture, Indicator = "GDP", FromPeriod = "2019", ToPeriod = "2023" })).ToString());
        return string.Join('\n', answers);
    }

    /// <summary>A summary as text, without the feed positions (engine-specific) and the moments of first arrival (run-specific).</summary>
    internal static string Text(Summary summary)
    {
        var copy = summary.Clone();
        copy.AsOfSequence = 0;
        copy.TargetsAsOfSequence = 0;
        foreach (var row in copy.Rows)
        {
            foreach (var child in row.Children)
            {
                child.FirstReceivedAt = null;
            }
        }
        return copy.ToString();
    }
}
