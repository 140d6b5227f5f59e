using Google.Protobuf;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Testing;
using static IndicatorExchange.Services.Tests.Grpc;
using ProtoIndicator = IndicatorExchange.Contracts.Indicator.V1.Indicator;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// A generated year (<see cref="GeneratedYear"/>) pushed into a suite on SQLite and one on PostgreSQL after the demo's
/// seeds gets the same answers from both (issue 23): every submission's and upload's answer, every figure of each period
/// of the year, the revisions of the revised figures, the whole change feed, the year's targets, the summaries of the
/// prefecture, the region and a county for every period (year to date and the period alone, with target progress) and
/// the prefecture's series of every indicator. Left out, as in the other equal-answers tests: sequences are written as
/// positions on each engine's own feed (PostgreSQL may spend a sequence number on a rolled-back insert), summaries'
/// feed positions are dropped, and moments of receipt (received_at, updated_at, first_received_at) are dropped, since
/// they differ between any two runs.
/// </summary>
public sealed class GeneratedYearOnBothEnginesTests(PostgresSuiteFactory postgres, SuiteFactory sqlite, SkipReasons skips)
    : IClassFixture<PostgresSuiteFactory>, IClassFixture<SuiteFactory>, IClassFixture<SkipReasons>
{
    private const string Prefecture = SuiteAnswers.Prefecture;
    private const string Region = "650000";
    private const string County = "654002";

    [SkippableFact]
    public async Task A_generated_year_gets_the_same_answers_on_postgres_as_on_sqlite()
    {
        skips.SkipUnless(postgres.Postgres.Available, postgres.Postgres.Unavailable ?? "");
        var catalog = await CatalogAsync(new IndicatorService.IndicatorServiceClient(sqlite.CreateChannel()));
        var year = new GeneratedYear(catalog);

        var answers = await Task.WhenAll(RunAsync(postgres, year, catalog), RunAsync(sqlite, year, catalog));

        var difference = Enumerable.Range(0, Math.Max(answers[0].Count, answers[1].Count))
            .FirstOrDefault(i => answers[0].ElementAtOrDefault(i) != answers[1].ElementAtOrDefault(i), -1);
        Assert.True(difference < 0,
            $"Answer {difference} differs.\nPostgreSQL: {answers[0].ElementAtOrDefault(difference)}\nSQLite: {answers[1].ElementAtOrDefault(difference)}");
        await AssertContentAsync(year, string.Join('\n', answers[0]));
    }

    /// <summary>What the year must have produced, so that two empty or failing engines cannot pass.</summary>
    private async Task AssertContentAsync(GeneratedYear year, string answers)
    {
        Assert.Contains("REVISION_CHANGE_TOO_LARGE", answers);
        Assert.Contains("FIGURE_STATUS_FINAL", answers);
        Assert.True(year.Values.Count > 1500, $"{year.Values.Count} figures: the catalog for 11 counties and 5 periods, a few missing");
        Assert.NotEmpty(year.Revised);
        var aggregation = new AggregationService.AggregationServiceClient(postgres.CreateChannel());
        var annual = Row((await aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = Prefecture, Period = "2023", Indicators = { "GDP" } })).Summary, "GDP");
        Assert.Equal(year.Total("2023", "GDP"), annual.Total.ToDecimal());
        Assert.NotEmpty(annual.TargetProgress);
        var firstQuarter = Row((await aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = Prefecture, Period = "2023Q1", Indicators = { "GDP" } })).Summary, "GDP");
        Assert.True(firstQuarter.Partial);
        Assert.Contains(GeneratedYear.CountyWithoutGdpInQ1, firstQuarter.MissingOrgUnits);
        Assert.Equal(year.Total("2023Q1", "GDP"), firstQuarter.Total.ToDecimal());

        // The answers came from PostgreSQL: the year's revisions are in the indicator service's schema.
        await using var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM indicator.figure_revisions WHERE period LIKE '2023%'", connection);
        Assert.True((long)(await count.ExecuteScalarAsync())! >= year.Values.Count);
    }

    /// <summary>Sends the year to a suite, waits for its aggregator, and returns every answer as text.</summary>
    private static async Task<List<string>> RunAsync(SuiteFactory suite, GeneratedYear year, IReadOnlyList<ProtoIndicator> catalog)
    {
        var channel = suite.CreateChannel();
        var indicators = new IndicatorService.IndicatorServiceClient(channel);
        var aggregation = new AggregationService.AggregationServiceClient(channel);
        var targets = new TargetService.TargetServiceClient(channel);
        var answers = new List<IMessage>();
        var lastSequence = 0L;
        foreach (var request in year.Requests)
        {
            switch (request)
            {
                case SubmitFiguresRequest submit:
                    var submitted = await indicators.SubmitFiguresAsync(submit);
                    lastSequence = Math.Max(lastSequence, submitted.LastSequence);
                    answers.Add(submitted);
                    break;
                case UploadFiguresRequest[] upload:
                    var uploaded = await Uploads.SendAsync(indicators, upload);
                    lastSequence = Math.Max(lastSequence, uploaded.LastSequence);
                    answers.Add(uploaded);
                    break;
                case SetTargetsRequest set:
                    answers.Add(await targets.SetTargetsAsync(set));
                    break;
                default:
                    throw new InvalidOperationException(request.GetType().Name);
            }
        }
        await CatchUpAsync(aggregation, targets, lastSequence);

        foreach (var period in GeneratedYear.Periods)
        {
            answers.AddRange(await Figures.ListAllAsync(indicators, "", period));
        }
        foreach (var (orgUnit, period) in year.Revised)
        {
            answers.AddRange(await RevisionsAsync(indicators, orgUnit, period));
        }
        var feed = await Figures.ReadWholeFeedAsync(indicators);
        var positions = feed.Select((change, i) => (change.Sequence, Position: i + 1L)).ToDictionary(p => p.Sequence, p => p.Position);
        answers.AddRange(feed.Select(c => c.Figure));
        var texts = answers.Select(a => PostgresIndicatorServiceTests.Format(a, positions)).ToList();

        texts.Add(await PostgresTargetServiceTests.ListAsync(targets, "", GeneratedYear.Year));
        foreach (var orgUnit in new[] { Prefecture, Region, County })
        {
            foreach (var period in GeneratedYear.Periods)
            {
                foreach (var values in new[] { PeriodValues.YearToDate, PeriodValues.PeriodOnly })
                {
                    var summary = await aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = orgUnit, Period = period, PeriodValues = values });
                    texts.Add(PostgresAggregationServiceTests.Text(summary.Summary));
                }
            }
        }
        foreach (var indicator in catalog)
        {
            foreach (var (from, to, values) in new[] { ("2023Q1", "2023Q4", PeriodValues.YearToDate), ("2023Q1", "2023Q4", PeriodValues.PeriodOnly), ("2022", "2023", PeriodValues.YearToDate) })
            {
                texts.Add((await aggregation.ListSeriesAsync(new ListSeriesRequest
                {
                    OrgUnit = Prefecture, Indicator = indicator.Code, FromPeriod = from, ToPeriod = to, PeriodValues = values,
                })).ToString());
            }
        }
        return texts;
    }

    /// <summary>Waits until the aggregator has applied the change feed up to <paramref name="figureSequence"/> and every target set.</summary>
    private static async Task CatchUpAsync(AggregationService.AggregationServiceClient aggregation, TargetService.TargetServiceClient targets, long figureSequence)
    {
        var targetSequence = (await targets.ListTargetsAsync(new ListTargetsRequest { PageSize = 1000 })).Targets.Max(t => t.Sequence);
        await SummaryAfterAsync(aggregation, new GetSummaryRequest { OrgUnit = Prefecture, Period = "2023" }, figureSequence, targetSequence);
    }

    private static async Task<List<Figure>> RevisionsAsync(IndicatorService.IndicatorServiceClient client, string orgUnit, string period)
    {
        var revisions = new List<Figure>();
        var token = "";
        do
        {
            var page = await client.ListFigureRevisionsAsync(new ListFigureRevisionsRequest { OrgUnit = orgUnit, Period = period, PageSize = 1000, PageToken = token });
            revisions.AddRange(page.Revisions);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return revisions;
    }

    private static async Task<List<ProtoIndicator>> CatalogAsync(IndicatorService.IndicatorServiceClient client)
    {
        var catalog = new List<ProtoIndicator>();
        var token = "";
        do
        {
            var page = await client.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 1000, PageToken = token });
            catalog.AddRange(page.Indicators);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return catalog;
    }
}
