using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Hardening;

/// <summary>
/// Every list answer stays under the 4 MB a default gRPC client receives, however long the notes are: a page ends early
/// and says where the next begins (issue 21, item 3). The channels here are default clients (4 MB receive limit).
/// </summary>
public sealed class PagingTests(HardeningSuiteFactory suite) : IClassFixture<HardeningSuiteFactory>
{
    private readonly IndicatorService.IndicatorServiceClient _client = new(suite.CreateChannel());

    /// <summary>2,000 characters of three UTF-8 bytes each: the longest note, 6 KB on the wire.</summary>
    private static readonly string LongestNote = new('注', 2_000);

    [Fact]
    public async Task A_page_of_1000_figures_with_the_longest_notes_is_cut_under_the_client_limit_and_the_rest_follows()
    {
        // 1,000 figures of 6 KB notes: 6 MB, which a default client refused to receive in one answer.
        var upload = _client.UploadFigures();
        await upload.RequestStream.WriteAsync(new UploadFiguresRequest { Header = new UploadHeader { RequestId = "long-notes" } });
        var indicators = new[] { "GDP", "FIXED_ASSET_INVESTMENT", "RETAIL_SALES", "FOREIGN_TRADE", "TOURIST_VISITS" };
        var counties = new[] { "654002", "654003", "654004", "654021", "654022", "654023", "654024", "654025", "654026", "654027" };
        var count = 0;
        foreach (var county in counties)
        {
            foreach (var year in Enumerable.Range(2019, 5))
            {
                foreach (var quarter in Enumerable.Range(1, 4))
                {
                    var batch = new UploadBatch { OrgUnit = county, Period = $"{year}Q{quarter}" };
                    foreach (var indicator in indicators)
                    {
                        var figure = Figure(indicator, (quarter * 10).ToString(System.Globalization.CultureInfo.InvariantCulture), indicator == "FOREIGN_TRADE" ? "亿美元" : indicator == "TOURIST_VISITS" ? "万人次" : "亿元");
                        figure.Note = LongestNote;
                        figure.ConfirmWarnings = true;
                        batch.Figures.Add(figure);
                        count++;
                    }
                    await upload.RequestStream.WriteAsync(new UploadFiguresRequest { Batch = batch });
                }
            }
        }
        await upload.RequestStream.CompleteAsync();
        Assert.Equal(1_000, (await upload.ResponseAsync).Summary.Created);

        var first = await _client.ListFiguresAsync(new ListFiguresRequest { PageSize = 1000 });
        Assert.InRange(first.CalculateSize(), 1, 4 * 1024 * 1024 - 1024);
        Assert.InRange(first.Figures.Count, 1, 999);
        Assert.NotEmpty(first.NextPageToken);

        // Without the figure the other test revises 720 times, which may run first.
        var all = (await Figures.ListAllAsync(_client)).Where(f => f.OrgUnit != "654028").ToList();
        Assert.Equal(count, all.Count);
        Assert.Equal(count, all.Select(f => (f.OrgUnit, f.Period, f.Indicator)).Distinct().Count());

        var revisions = await _client.ListFigureRevisionsAsync(new ListFigureRevisionsRequest { PageSize = 1000 });
        Assert.InRange(revisions.CalculateSize(), 1, 4 * 1024 * 1024 - 1024);
        Assert.NotEmpty(revisions.NextPageToken);
    }

    [Fact]
    public async Task A_history_longer_than_the_client_limit_is_paged_oldest_first()
    {
        // 720 revisions of a 6 KB note: 4.3 MB of history, which a default client could not read in one answer.
        const int revisions = 720;
        for (var i = 1; i <= revisions; i++)
        {
            var figure = Figure("GDP", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "亿元");
            figure.Note = LongestNote;
            figure.ConfirmWarnings = true;
            await _client.SubmitFiguresAsync(Batch("654028", "2023", figure));
        }

        var request = new GetFigureHistoryRequest { OrgUnit = "654028", Period = "2023", Indicator = "GDP" };
        var first = await _client.GetFigureHistoryAsync(request);
        Assert.InRange(first.Revisions.Count, 1, revisions - 1);
        Assert.NotEmpty(first.NextPageToken);

        var all = first.Revisions.ToList();
        var token = first.NextPageToken;
        while (token.Length > 0)
        {
            var page = await _client.GetFigureHistoryAsync(new GetFigureHistoryRequest(request) { PageToken = token });
            all.AddRange(page.Revisions);
            token = page.NextPageToken;
        }
        Assert.Equal(Enumerable.Range(1, revisions).Select(i => (long)i), all.Select(r => r.Revision));
        Assert.Equal(revisions.ToString(System.Globalization.CultureInfo.InvariantCulture), all[^1].Sent.Value.Value);
    }
}

/// <summary>A target's history is paged like a figure's (issue 21, item 3).</summary>
public sealed class TargetHistoryPagingTests(HardeningSuiteFactory suite) : IClassFixture<HardeningSuiteFactory>
{
    [Fact]
    public async Task A_target_history_longer_than_the_client_limit_is_paged_oldest_first()
    {
        // 360 revisions with a 6 KB note and a 6 KB reason: 4.3 MB, which a default client could not read in one answer.
        var targets = new Contracts.Target.V1.TargetService.TargetServiceClient(suite.CreateChannel());
        const int revisions = 360;
        await SetLongTargetsAsync(targets, "654025", revisions);

        var query = new Contracts.Target.V1.GetTargetHistoryRequest { OrgUnit = "654025", Indicator = "GDP", Year = 2023, Kind = Contracts.Target.V1.TargetKind.GrowthAtLeast };
        var first = await targets.GetTargetHistoryAsync(query);
        Assert.InRange(first.Revisions.Count, 1, revisions - 1);
        var all = first.Revisions.ToList();
        var token = first.NextPageToken;
        while (token.Length > 0)
        {
            var page = await targets.GetTargetHistoryAsync(new Contracts.Target.V1.GetTargetHistoryRequest(query) { PageToken = token });
            all.AddRange(page.Revisions);
            token = page.NextPageToken;
        }
        Assert.Equal(revisions, all.Count);
        Assert.Equal(revisions.ToString(System.Globalization.CultureInfo.InvariantCulture), all[^1].Definition.Threshold.Value);
    }

    [Fact]
    public async Task The_target_feed_sends_4_MB_of_targets_in_messages_a_default_client_can_receive()
    {
        // 360 revisions of 12 KB, all pending at once: one message of them would be 4.3 MB.
        var targets = new Contracts.Target.V1.TargetService.TargetServiceClient(suite.CreateChannel());
        await SetLongTargetsAsync(targets, "654026", 360);

        using var feed = targets.WatchTargets(new Contracts.Target.V1.WatchTargetsRequest(), deadline: DateTime.UtcNow.AddSeconds(30));
        var received = new List<Contracts.Target.V1.Target>();
        var messages = 0;
        while (received.Count(t => t.Definition.OrgUnit == "654026") < 360 && await feed.ResponseStream.MoveNext())
        {
            received.AddRange(feed.ResponseStream.Current.Targets);
            messages++;
        }
        Assert.Equal(Enumerable.Range(1, 360).Select(i => (long)i), received.Where(t => t.Definition.OrgUnit == "654026").Select(t => t.Revision));
        Assert.True(messages > 1, $"{messages} message(s)");
    }

    private static async Task SetLongTargetsAsync(Contracts.Target.V1.TargetService.TargetServiceClient targets, string orgUnit, int revisions)
    {
        for (var i = 1; i <= revisions; i++)
        {
            var request = new Contracts.Target.V1.SetTargetsRequest { Reason = new string('因', 2_000) };
            request.Targets.Add(new Contracts.Target.V1.TargetInput
            {
                OrgUnit = orgUnit, Indicator = "GDP", Year = 2023, Kind = Contracts.Target.V1.TargetKind.GrowthAtLeast,
                Threshold = new Contracts.Common.V1.Decimal { Value = i.ToString(System.Globalization.CultureInfo.InvariantCulture) }, Unit = "%",
                Note = new string('注', 2_000),
            });
            await targets.SetTargetsAsync(request);
        }
    }
}
