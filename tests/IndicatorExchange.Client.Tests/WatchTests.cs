using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using ReferenceOnlySuiteFactory = IndicatorExchange.Services.Tests.ReferenceOnlySuiteFactory;

namespace IndicatorExchange.Client.Tests;

/// <summary>
/// Watch streams broken by the handler (a reset connection) and re-opened by the client. The tests of this class
/// share one suite; the change-feed test reads the whole feed, so the class writes only what that test expects
/// to see plus the summary test's figures in 2024, which the feed test filters out.
/// </summary>
public sealed class WatchTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    [Fact]
    public async Task The_change_feed_resumes_after_a_break_from_the_last_change_yielded_without_loss_or_repeat()
    {
        StreamBreakingHandler? handler = null;
        using var client = new IndicatorExchangeClient(Suite.Options(suite, inner => handler = new StreamBreakingHandler(inner, "WatchChanges") { BreakAfterMessages = 1 }));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var start = await LatestSequenceAsync(client);
        var first = await client.SubmitFiguresAsync(Figures.Batch("654025", "2023",
            Figures.Figure("GDP", 133.61m, "亿元", yoyGrowthPct: 3.2m),
            Figures.Figure("FOREIGN_TRADE", 1920m, "万美元"),
            Figures.Figure("TOURIST_VISITS", 512.3m, "万人次")), timeout.Token);
        SubmitFiguresResponse? second = null;
        var seen = new List<Change>();

        await foreach (var change in client.WatchChangesAsync(start, timeout.Token))
        {
            seen.Add(change);
            if (change.Sequence == first.LastSequence)
            {
                // The first stream delivered its one message and breaks on the next read; these arrive on the second.
                second = await client.SubmitFiguresAsync(Figures.Batch("654025", "2023",
                    Figures.Figure("GDP", 134m, "亿元", yoyGrowthPct: 3.3m),
                    Figures.Figure("NEW_URBAN_JOBS", 3100m, "人")), timeout.Token);
            }
            if (second is not null && change.Sequence >= second.LastSequence)
            {
                break;
            }
        }

        Assert.NotNull(handler);
        Assert.True(handler.RequestBodies.Count >= 2, "the stream was not re-opened");
        Assert.Equal(1, handler.MessagesPerCall[0]);
        Assert.Equal(start, handler.WatchChangesRequest(0).AfterSequence);
        Assert.Equal(first.LastSequence, handler.WatchChangesRequest(1).AfterSequence);
        var sequences = seen.Select(c => c.Sequence).ToList();
        Assert.Equal(sequences.Order(), sequences);
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
        var expected = (await client.Indicators.GetFigureHistoryAsync(new() { OrgUnit = "654025", Period = "2023", Indicator = "GDP" })).Revisions
            .Concat((await client.Indicators.ListFiguresAsync(new() { OrgUnit = "654025", Period = "2023" })).Figures)
            .Select(f => f.Sequence).Distinct().Order().ToList();
        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, sequences);
        Assert.Equal(["GDP", "FOREIGN_TRADE", "TOURIST_VISITS", "GDP", "NEW_URBAN_JOBS"], seen.Select(c => c.Figure.Indicator));
        Assert.Equal("0.192", seen[1].Figure.Value.Value.Value);
    }

    [Fact]
    public async Task A_re_opened_summary_watch_skips_the_summary_it_already_yielded()
    {
        StreamBreakingHandler? handler = null;
        using var client = new IndicatorExchangeClient(Suite.Options(suite, inner => handler = new StreamBreakingHandler(inner, "WatchSummary") { BreakAfterMessages = 1 }));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var summaries = new List<Summary>();
        // Once the broken stream has been re-opened and has sent the same summary again, a county submits.
        var submission = Task.Run(async () =>
        {
            while (handler!.MessagesPerCall is not [_, >= 1, ..])
            {
                await Task.Delay(20, timeout.Token);
            }
            return await client.SubmitFiguresAsync(Figures.Batch("654026", "2024", Figures.Figure("GDP", 90.5m, "亿元", yoyGrowthPct: 4m)), timeout.Token);
        }, timeout.Token);

        await foreach (var summary in client.WatchSummaryAsync(new WatchSummaryRequest { OrgUnit = "654000", Period = "2024", Indicators = { "GDP" } }, timeout.Token))
        {
            summaries.Add(summary);
            if (summary.Rows.Any(r => r.Indicator == "GDP" && r.Total?.Value == "90.5"))
            {
                break;
            }
        }

        var submitted = await submission;
        Assert.Equal(2, handler!.MessagesPerCall.Count);
        Assert.Equal(2, summaries.Count);
        Assert.True(summaries[1].AsOfSequence >= submitted.LastSequence);
        Assert.All(summaries.Zip(summaries.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.True(summaries[1].AsOfSequence > summaries[0].AsOfSequence, "the re-opened stream's first summary (the same as before) was yielded again");
        Assert.Equal("90.5", summaries[^1].Rows.Single(r => r.Indicator == "GDP").Total.Value);
    }

    private static async Task<long> LatestSequenceAsync(IndicatorExchangeClient client)
    {
        var latest = 0L;
        var token = "";
        do
        {
            var page = await client.Indicators.ListFiguresAsync(new ListFiguresRequest { PageSize = 1000, PageToken = token });
            latest = page.Figures.Select(f => f.Sequence).Append(latest).Max();
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return latest;
    }
}
