using Grpc.Core;
using IndicatorExchange.Contracts.Common.V1;
using ReferenceOnlySuiteFactory = IndicatorExchange.Services.Tests.ReferenceOnlySuiteFactory;

namespace IndicatorExchange.Client.Tests;

/// <summary>
/// Submissions and uploads through the library against the real suite. Tests are kept apart by period:
/// 2022 (submit), 2019 (a reused request id), 2021 (upload), 2020 (validate-only upload).
/// </summary>
public sealed class SubmissionTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>, IDisposable
{
    private readonly IndicatorExchangeClient _client = new(Suite.Options(suite));

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task Submitting_sets_a_request_id_and_a_repeat_with_it_changes_nothing()
    {
        var request = Figures.Batch("654002", "2022",
            Figures.Figure("FOREIGN_TRADE", 1920m, "万美元", yoyGrowthPct: 12.5m),
            Figures.Figure("GDP", 348.20m, "亿元", yoyGrowthPct: 6.1m, status: FigureStatus.Preliminary, note: "政府工作报告"));
        Assert.Empty(request.RequestId);

        var first = await _client.SubmitFiguresAsync(request);

        Assert.True(Guid.TryParse(request.RequestId, out _), $"request id '{request.RequestId}' is not a GUID");
        Assert.Equal((2, 0, 0), (first.Summary.Created, first.Summary.Updated, first.Summary.Unchanged));
        Assert.True(first.LastSequence > 0);

        var again = await _client.SubmitFiguresAsync(request);

        Assert.Equal(first, again);
        var trade = Assert.Single(await _client.GetFigureHistoryAsync("654002", "2022", "FOREIGN_TRADE"));
        Assert.Equal(("0.192", "亿美元"), (trade.Value.Value.Value, trade.Value.Unit));
        Assert.Equal(("1920", "万美元"), (trade.Sent.Value.Value, trade.Sent.Unit));
        Assert.Equal("12.5", trade.YoyGrowthPct.Value);
        Assert.Equal((request.RequestId, 1L), (trade.RequestId, trade.Revision));
        var gdp = Assert.Single(await _client.GetFigureHistoryAsync("654002", "2022", "GDP"));
        Assert.Equal(("348.2", FigureStatus.Preliminary, "政府工作报告"), (gdp.Value.Value.Value, gdp.Status, gdp.Note));
    }

    [Fact]
    public async Task Reusing_a_request_id_for_other_figures_is_refused_as_the_service_answers_not_as_unavailable()
    {
        var request = Figures.Batch("654003", "2019", Figures.Figure("GDP", 100m, "亿元"));
        await _client.SubmitFiguresAsync(request);
        var other = Figures.Batch("654003", "2019", Figures.Figure("GDP", 101m, "亿元"));
        other.RequestId = request.RequestId;

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitFiguresAsync(other));

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Fact]
    public async Task An_upload_of_several_batches_reports_progress_up_to_the_total()
    {
        var counties = new[] { "654004", "654021", "654022", "654023" };
        var batches = counties.Select((county, i) => Figures.UploadBatch(county, "2021",
            Figures.Figure("GDP", 100.25m + i, "亿元", yoyGrowthPct: 5m),
            Figures.Figure("TOURIST_VISITS", 356000m + i, "人次"),
            Figures.Figure("FOREIGN_TRADE", 1920m + i, "万美元"))).ToList();
        var progress = new RecordingProgress();
        var requestId = "client-upload-" + Guid.NewGuid();

        var response = await _client.UploadFiguresAsync(requestId, batches, progress: progress);

        Assert.Equal((12, 0, 0, 0), (response.Summary.Created, response.Summary.Updated, response.Summary.Unchanged, response.Summary.Rejected));
        Assert.Equal([3, 6, 9, 12], progress.Reports);
        var visits = Assert.Single(await _client.GetFigureHistoryAsync("654023", "2021", "TOURIST_VISITS"));
        Assert.Equal(("35.6003", "万人次", requestId), (visits.Value.Value.Value, visits.Value.Unit, visits.RequestId));

        var repeat = await _client.UploadFiguresAsync(requestId, batches);

        Assert.Equal(response, repeat);
    }

    [Fact]
    public async Task A_validate_only_upload_counts_the_figures_and_writes_nothing()
    {
        var batches = new[] { Figures.UploadBatch("654024", "2020", Figures.Figure("GDP", 80m, "亿元")) };

        var response = await _client.UploadFiguresAsync("", batches, validateOnly: true);

        Assert.Equal(1, response.Summary.Created);
        Assert.Equal(0, response.LastSequence);
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.GetFigureHistoryAsync("654024", "2020", "GDP"));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task Reads_list_every_page_of_the_catalog_and_the_tree()
    {
        var indicators = await _client.ListAllIndicatorsAsync();
        var counties = await _client.ListAllOrgUnitsAsync("654000");
        var all = await _client.ListAllOrgUnitsAsync();

        Assert.Equal(44, indicators.Count);
        Assert.Contains(indicators, i => i is { Code: "FOREIGN_TRADE", Unit: "亿美元" });
        Assert.Equal(11, counties.Count);
        Assert.All(counties, c => Assert.Equal("654000", c.ParentCode));
        Assert.Equal(13, all.Count);
    }
}
