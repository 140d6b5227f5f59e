using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests;

/// <summary>
/// Submissions at the same moment from separate clients: a request id is applied once however many
/// clients send it, and concurrent writers never share a sequence. Tests are kept apart by county and period.
/// </summary>
public sealed class ConcurrencyTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    [Fact]
    public async Task The_same_request_from_two_clients_at_once_is_applied_once_and_answered_alike()
    {
        var first = new IndicatorService.IndicatorServiceClient(suite.CreateChannel());
        var second = new IndicatorService.IndicatorServiceClient(suite.CreateChannel());
        var history = new GetFigureHistoryRequest { OrgUnit = "654024", Period = "2023", Indicator = "GDP" };

        for (var i = 0; i < 20; i++)
        {
            var request = Batch("654024", "2023", Figure("GDP", $"{100 + i}.5", "亿元"));
            request.RequestId = $"concurrent-{i}-{Guid.NewGuid()}";

            var answers = await Task.WhenAll(first.SubmitFiguresAsync(request).ResponseAsync, second.SubmitFiguresAsync(request).ResponseAsync);

            Assert.Equal(answers[0], answers[1]);
            Assert.Equal(i == 0 ? (1, 0, 0) : (0, 1, 0), (answers[0].Summary.Created, answers[0].Summary.Updated, answers[0].Summary.Unchanged));
            var revisions = (await first.GetFigureHistoryAsync(history)).Revisions;
            Assert.Equal(i + 1, revisions.Count);
            Assert.Equal((i + 1L, request.RequestId, $"{100 + i}.5", answers[0].LastSequence),
                (revisions[^1].Revision, revisions[^1].RequestId, revisions[^1].Value.Value.Value, revisions[^1].Sequence));
        }
    }

    [Fact]
    public async Task The_same_upload_from_two_clients_at_once_is_applied_once_and_answered_alike()
    {
        var first = new IndicatorService.IndicatorServiceClient(suite.CreateChannel());
        var second = new IndicatorService.IndicatorServiceClient(suite.CreateChannel());

        for (var i = 0; i < 10; i++)
        {
            UploadFiguresRequest[] messages =
            [
                Uploads.Header($"concurrent-upload-{i}-{Guid.NewGuid()}"),
                Uploads.Part("654025", "2023", Figure("TOURIST_VISITS", $"{40 + i}", "万人次"), Figure("GDP", "90", "亿元")),
                Uploads.Part("654025", "2024", Figure("TOURIST_VISITS", $"{41 + i}", "万人次")),
            ];

            var answers = await Task.WhenAll(Uploads.SendAsync(first, messages), Uploads.SendAsync(second, messages));

            Assert.Equal(answers[0], answers[1]);
            Assert.Equal(i == 0 ? (3, 0, 0) : (0, 2, 1), (answers[0].Summary.Created, answers[0].Summary.Updated, answers[0].Summary.Unchanged));
            foreach (var period in new[] { "2023", "2024" })
            {
                var revisions = (await first.GetFigureHistoryAsync(new GetFigureHistoryRequest { OrgUnit = "654025", Period = period, Indicator = "TOURIST_VISITS" })).Revisions;
                Assert.Equal(i + 1, revisions.Count);
                Assert.Equal(messages[0].Header.RequestId, revisions[^1].RequestId);
            }
        }
        var gdp = await first.GetFigureHistoryAsync(new GetFigureHistoryRequest { OrgUnit = "654025", Period = "2023", Indicator = "GDP" });
        Assert.Single(gdp.Revisions);
    }

    [Fact]
    public async Task Many_submissions_at_once_to_different_counties_all_succeed_with_unique_sequences()
    {
        var clients = Enumerable.Range(0, 4).Select(_ => new IndicatorService.IndicatorServiceClient(suite.CreateChannel())).ToList();
        var quarters = new[] { "2025Q1", "2025Q2", "2025Q3", "2025Q4" };
        var requests = Uploads.Counties.SelectMany((county, c) => quarters.Select((quarter, q) =>
        {
            var request = Batch(county, quarter,
                Figure("GDP", $"{20 * (q + 1) + c}", "亿元"),
                Figure("TOURIST_VISITS", $"{10 * (q + 1) + c}", "万人次"),
                Figure("NEW_URBAN_JOBS", $"{1000 * (q + 1) + c}", "人"));
            request.RequestId = $"many-{county}-{quarter}-{Guid.NewGuid()}";
            return request;
        })).ToList();

        var answers = await Task.WhenAll(requests.Select((request, n) => clients[n % clients.Count].SubmitFiguresAsync(request).ResponseAsync));

        Assert.All(answers, a => Assert.Equal((3, 0, 0), (a.Summary.Created, a.Summary.Updated, a.Summary.Unchanged)));
        Assert.Equal(answers.Length, answers.Select(a => a.LastSequence).Distinct().Count());
        var stored = new List<Figure>();
        foreach (var county in Uploads.Counties)
        {
            stored.AddRange((await Figures.ListAllAsync(clients[0], county)).Where(f => f.Period.StartsWith("2025Q", StringComparison.Ordinal)));
        }
        Assert.Equal(requests.Count * 3, stored.Count);
        Assert.Equal(stored.Count, stored.Select(f => f.Sequence).Distinct().Count());
        // Each submission is one transaction: its revisions carry its request id and end at its last sequence.
        foreach (var (request, answer) in requests.Zip(answers))
        {
            var own = stored.Where(f => f.RequestId == request.RequestId).ToList();
            Assert.Equal(3, own.Count);
            Assert.All(own, f => Assert.Equal((request.OrgUnit, request.Period), (f.OrgUnit, f.Period)));
            Assert.Equal(answer.LastSequence, own.Max(f => f.Sequence));
            Assert.Single(own.Select(f => f.ReceivedAt).Distinct());
        }
        // Sequence order is commit order: the submissions' sequences never interleave.
        var bySequence = stored.OrderBy(f => f.Sequence).Select(f => f.RequestId).ToList();
        Assert.Equal(requests.Count, bySequence.Where((id, n) => n == 0 || bySequence[n - 1] != id).Count());
    }
}
