using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests;

/// <summary>
/// Revisions of a figure: GetFigureHistory, ListFigures as_of and ListFigureRevisions received_after. Each test
/// works on its own county (period 2023), so the tests of the shared suite never see each other's revisions.
/// </summary>
public sealed class HistoryTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    private readonly IndicatorService.IndicatorServiceClient _client = new(suite.CreateChannel());

    [Fact]
    public async Task History_lists_every_revision_oldest_first_with_who_when_and_what_it_replaced()
    {
        var (revisions, answers) = await SubmitThreeRevisionsAsync("654021", "GDP", ("100", "亿元"), ("1015000", "万元"), ("102.25", "亿元"));

        Assert.Equal([1L, 2L, 3L], revisions.Select(r => r.Revision));
        Assert.Equal(["100", "101.5", "102.25"], revisions.Select(r => r.Value.Value.Value));
        Assert.All(revisions, r => Assert.Equal("亿元", r.Value.Unit));
        Assert.Equal(("1015000", "万元"), (revisions[1].Sent.Value.Value, revisions[1].Sent.Unit));
        Assert.Equal(answers.Select(a => a.LastSequence), revisions.Select(r => r.Sequence));
        Assert.Equal([0L, revisions[0].Sequence, revisions[1].Sequence], revisions.Select(r => r.ReplacesSequence));
        Assert.Equal(["654021-GDP-1", "654021-GDP-2", "654021-GDP-3"], revisions.Select(r => r.RequestId[..12]));
        // The default test channel signs as a reporter scoped to the root of the tree.
        Assert.All(revisions, r => Assert.Equal($"test-county_reporter (county_reporter@{SuiteFactory.RootOrgUnit})", r.SubmittedBy));
        Assert.All(revisions, r => Assert.Equal(("654021", "2023", "GDP"), (r.OrgUnit, r.Period, r.Indicator)));
        Assert.True(revisions[0].ReceivedAt < revisions[1].ReceivedAt && revisions[1].ReceivedAt < revisions[2].ReceivedAt);
        Assert.Equal([(1, 0), (0, 1), (0, 1)], answers.Select(a => (a.Summary.Created, a.Summary.Updated)));
        // The last revision is the current value.
        Assert.Equal(revisions[2], Assert.Single(await Figures.ListAllAsync(_client, "654021", "2023")));
    }

    [Fact]
    public async Task History_of_a_figure_never_submitted_is_not_found()
    {
        await _client.SubmitFiguresAsync(Batch("654028", "2023", Figure("GDP", "70", "亿元")));

        foreach (var request in new[]
        {
            new GetFigureHistoryRequest { OrgUnit = "654028", Period = "2023", Indicator = "TOURIST_VISITS" },
            new GetFigureHistoryRequest { OrgUnit = "654028", Period = "2022", Indicator = "GDP" },
            new GetFigureHistoryRequest { OrgUnit = "999999", Period = "2023", Indicator = "GDP" },
            new GetFigureHistoryRequest { OrgUnit = "654028", Period = "2023", Indicator = "NOPE" },
        })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => _client.GetFigureHistoryAsync(request).ResponseAsync);

            Assert.Equal(StatusCode.NotFound, error.StatusCode);
            Assert.Equal("FIGURE_NOT_FOUND", Reason(error));
        }
        Assert.Single((await _client.GetFigureHistoryAsync(new GetFigureHistoryRequest { OrgUnit = "654028", Period = "2023", Indicator = "GDP" })).Revisions);
    }

    [Fact]
    public async Task Figures_as_of_a_moment_are_the_revisions_received_by_then()
    {
        var (revisions, _) = await SubmitThreeRevisionsAsync("654022", "TOURIST_VISITS", ("10", "万人次"), ("110000", "人次"), ("12", "万人次"));
        await Task.Delay(20);
        await _client.SubmitFiguresAsync(Batch("654022", "2023", Figure("NEW_URBAN_JOBS", "0.5", "万人")));
        var times = revisions.Select(r => r.ReceivedAt.ToDateTimeOffset()).ToList();

        var beforeFirst = await AsOfAsync(times[0].AddTicks(-1));
        var atFirst = await AsOfAsync(times[0]);
        var betweenSecondAndThird = await AsOfAsync(times[1] + (times[2] - times[1]) / 2);
        var atSecond = await AsOfAsync(times[1]);
        var atThird = await AsOfAsync(times[2]);
        var now = await Figures.ListAllAsync(_client, "654022", "2023");

        Assert.DoesNotContain(beforeFirst, f => f.Indicator == "TOURIST_VISITS");
        Assert.Equal(revisions[0], Assert.Single(atFirst));
        Assert.Equal(revisions[1], Assert.Single(betweenSecondAndThird));
        Assert.Equal("11", betweenSecondAndThird[0].Value.Value.Value);
        Assert.Equal(revisions[1], Assert.Single(atSecond));
        Assert.Equal(revisions[2], Assert.Single(atThird));
        Assert.Equal(["NEW_URBAN_JOBS", "TOURIST_VISITS"], now.Select(f => f.Indicator));
        Assert.Equal(revisions[2], now[1]);
    }

    [Fact]
    public async Task Revisions_received_after_a_moment_are_listed_in_sequence_order_and_page()
    {
        var (revisions, _) = await SubmitThreeRevisionsAsync("654023", "FOREIGN_TRADE", ("1920", "万美元"), ("0.2", "亿美元"), ("2100", "万美元"));

        var all = await _client.ListFigureRevisionsAsync(new ListFigureRevisionsRequest { OrgUnit = "654023", Period = "2023" });
        var afterFirst = await _client.ListFigureRevisionsAsync(new ListFigureRevisionsRequest
        {
            OrgUnit = "654023", Period = "2023", ReceivedAfter = revisions[0].ReceivedAt,
        });
        var afterLast = await _client.ListFigureRevisionsAsync(new ListFigureRevisionsRequest
        {
            OrgUnit = "654023", ReceivedAfter = revisions[2].ReceivedAt,
        });

        Assert.Equal(revisions, all.Revisions);
        Assert.Empty(all.NextPageToken);
        Assert.Equal(revisions.Skip(1), afterFirst.Revisions);
        Assert.Empty(afterLast.Revisions);

        // One revision a page: the pages walk revisions 2 and 3 and stop.
        var walked = new List<Figure>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await _client.ListFigureRevisionsAsync(new ListFigureRevisionsRequest
            {
                OrgUnit = "654023", Period = "2023", ReceivedAfter = revisions[0].ReceivedAt, PageSize = 1, PageToken = token,
            });
            Assert.True(page.Revisions.Count <= 1);
            walked.AddRange(page.Revisions);
            token = page.NextPageToken;
            pages++;
            Assert.True(pages <= 3, "paging did not end");
        }
        while (token.Length > 0);
        Assert.Equal(revisions.Skip(1), walked);
    }

    /// <summary>Three revisions of one figure of <paramref name="orgUnit"/> for 2023, each with its own request id, a little apart in time.</summary>
    private async Task<(List<Figure> Revisions, List<SubmitFiguresResponse> Answers)> SubmitThreeRevisionsAsync(
        string orgUnit, string indicator, params (string Value, string Unit)[] values)
    {
        var answers = new List<SubmitFiguresResponse>();
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                await Task.Delay(20);
            }
            var request = Batch(orgUnit, "2023", Figure(indicator, values[i].Value, values[i].Unit));
            request.RequestId = $"{orgUnit}-{indicator[..3]}-{i + 1}-{Guid.NewGuid()}";
            answers.Add(await _client.SubmitFiguresAsync(request));
        }
        var history = await _client.GetFigureHistoryAsync(new GetFigureHistoryRequest { OrgUnit = orgUnit, Period = "2023", Indicator = indicator });
        Assert.Equal(values.Length, history.Revisions.Count);
        Assert.Equal(Enumerable.Range(1, values.Length).Select(i => $"{orgUnit}-{indicator[..3]}-{i}-"), history.Revisions.Select(r => r.RequestId[..(orgUnit.Length + 7)]));
        return ([.. history.Revisions], answers);
    }

    private async Task<List<Figure>> AsOfAsync(DateTimeOffset moment) =>
        [.. (await _client.ListFiguresAsync(new ListFiguresRequest { OrgUnit = "654022", Period = "2023", AsOf = Timestamp.FromDateTimeOffset(moment) })).Figures];
}
