using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests;

public sealed class IndicatorServiceTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    private readonly IndicatorService.IndicatorServiceClient _client = new(suite.CreateChannel());

    [Fact]
    public async Task Catalog_pages_through_every_indicator_once_in_report_order()
    {
        var codes = new List<string>();
        var positions = new List<int>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await _client.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 10, PageToken = token });
            Assert.True(page.Indicators.Count <= 10);
            codes.AddRange(page.Indicators.Select(i => i.Code));
            positions.AddRange(page.Indicators.Select(i => i.ReportOrder));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(codes.Distinct().Count(), codes.Count);
        // The demo catalog's rows, GDP first: positions 1, 2, 3 … across the pages, not the codes' alphabetical order.
        Assert.Equal(Enumerable.Range(1, codes.Count), positions);
        Assert.Equal(["GDP", "INDUSTRY_VALUE_ADDED_ABOVE_SIZE", "GROSS_INDUSTRIAL_OUTPUT"], codes.Take(3));
        Assert.Equal("FOREST_COVERAGE", codes[^1]);
        Assert.True(pages >= 5, $"expected several pages, got {pages}");
        Assert.Contains("RETAIL_SALES", codes);
        Assert.Contains("RETAIL_SALES_ABOVE_SIZE", codes);
    }

    [Fact]
    public async Task Indicator_lists_the_units_a_county_may_send()
    {
        var trade = (await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = "FOREIGN_TRADE" })).Indicator;

        Assert.Equal("外贸进出口总额", trade.NameZh);
        Assert.Equal("亿美元", trade.Unit);
        Assert.Equal(["美元", "万美元", "亿美元"], trade.AcceptedUnits);
        Assert.Equal(Contracts.Indicator.V1.Aggregation.Sum, trade.Aggregation);
    }

    [Fact]
    public async Task Indicator_carries_its_revision_threshold_and_population_is_reported_quarterly()
    {
        var gdp = (await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = "GDP" })).Indicator;
        var population = (await _client.GetIndicatorAsync(new GetIndicatorRequest { Code = "URBAN_POPULATION" })).Indicator;

        Assert.Equal("10", gdp.MaxRevisionChangePct.Value);
        Assert.Contains(Contracts.Common.V1.PeriodKind.Quarterly, population.Periodicities);
    }

    [Fact]
    public async Task Unknown_codes_are_not_found()
    {
        var indicator = await Assert.ThrowsAsync<RpcException>(() => _client.GetIndicatorAsync(new GetIndicatorRequest { Code = "NOPE" }).ResponseAsync);
        var orgUnit = await Assert.ThrowsAsync<RpcException>(() => _client.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "999999" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, indicator.StatusCode);
        Assert.Equal("INDICATOR_NOT_FOUND", Reason(indicator));
        Assert.Equal(StatusCode.NotFound, orgUnit.StatusCode);
    }

    [Fact]
    public async Task Org_units_of_a_parent_are_its_eleven_counties()
    {
        var response = await _client.ListOrgUnitsAsync(new ListOrgUnitsRequest { ParentCode = "654000" });

        Assert.Equal(11, response.OrgUnits.Count);
        Assert.All(response.OrgUnits, u => Assert.Equal(OrgUnitLevel.County, u.Level));
        Assert.Contains(response.OrgUnits, u => u.Code == "654025" && u.NameZh == "新源县");
    }

    [Fact]
    public async Task Values_are_normalised_exactly_and_kept_as_sent()
    {
        await _client.SubmitFiguresAsync(Batch("654026", "2021",
            Figure("FOREIGN_TRADE", "1920", "万美元", "24.19"),
            Figure("NEW_URBAN_JOBS", "3100", "人")));

        var figures = await Figures.ListAllAsync(_client, "654026", "2021");
        var trade = figures.Single(f => f.Indicator == "FOREIGN_TRADE");
        var jobs = figures.Single(f => f.Indicator == "NEW_URBAN_JOBS");

        Assert.Equal(("0.192", "亿美元"), (trade.Value.Value.Value, trade.Value.Unit));
        Assert.Equal(("1920", "万美元"), (trade.Sent.Value.Value, trade.Sent.Unit));
        Assert.Equal("24.19", trade.YoyGrowthPct.Value);
        Assert.Equal(("0.31", "万人"), (jobs.Value.Value.Value, jobs.Value.Unit));
    }

    [Fact]
    public async Task A_batch_with_any_bad_figure_is_rejected_whole_with_every_problem_listed()
    {
        var request = Batch("654027", "2021",
            Figure("GDP", "100.5", "亿元"),
            Figure("GDP_TYPO", "1", "亿元"),
            Figure("FOREIGN_TRADE", "7.4", "亿元"),
            Figure("TOURIST_VISITS", "12,5", "万人次"),
            Figure("TOURISM_REVENUE", "3", "亿元", growth: "-100"));

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitFiguresAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("FIGURES_REJECTED", Reason(error));
        Assert.Equal(
            [
                ("figures[1].indicator", "UNKNOWN_INDICATOR"),
                ("figures[2].quantity.unit", "UNIT_DIMENSION_MISMATCH"),
                ("figures[3].quantity.value", "INVALID_DECIMAL"),
                ("figures[4].yoy_growth_pct", "GROWTH_OUT_OF_RANGE"),
            ],
            Violations(error));
        Assert.Empty(await Figures.ListAllAsync(_client, "654027", "2021"));
    }

    [Fact]
    public async Task Request_level_problems_name_their_fields()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.SubmitFiguresAsync(Batch("123", "2023Q5")).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            [("org_unit", "UNKNOWN_ORG_UNIT"), ("period", "INVALID_PERIOD"), ("figures", "EMPTY_BATCH")],
            Violations(error));
    }

    [Fact]
    public async Task A_repeated_request_id_returns_the_first_answer_and_writes_nothing_more()
    {
        var request = Batch("654028", "2021", Figure("GDP", "60", "亿元", "5"));
        request.RequestId = Guid.NewGuid().ToString();

        var first = await _client.SubmitFiguresAsync(request);
        var repeat = await _client.SubmitFiguresAsync(request);

        Assert.Equal(1, first.Summary.Created);
        Assert.Equal(first, repeat);
        var gdp = (await Figures.ListAllAsync(_client, "654028", "2021")).Single();
        Assert.Equal(1, gdp.Revision);
        Assert.Equal(request.RequestId, gdp.RequestId);
    }

    [Fact]
    public async Task Reusing_a_request_id_for_other_figures_is_refused()
    {
        var requestId = Guid.NewGuid().ToString();
        var first = Batch("654024", "2020", Figure("GDP", "60", "亿元"));
        first.RequestId = requestId;
        var other = Batch("654024", "2020", Figure("GDP", "61", "亿元"));
        other.RequestId = requestId;

        await _client.SubmitFiguresAsync(first);
        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitFiguresAsync(other).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
        Assert.Equal("REQUEST_ID_REUSED", Reason(error));
        Assert.Equal("60", (await Figures.ListAllAsync(_client, "654024", "2020")).Single().Value.Value.Value);
    }

    [Fact]
    public async Task Resending_a_value_is_unchanged_and_changing_it_makes_a_new_revision()
    {
        var original = Batch("654023", "2021", Figure("GDP", "80", "亿元", "4"), Figure("GRAIN_OUTPUT", "12", "万吨"));
        var created = await _client.SubmitFiguresAsync(original);
        var resent = await _client.SubmitFiguresAsync(original);
        var revised = await _client.SubmitFiguresAsync(Batch("654023", "2021", Figure("GDP", "800000", "万元", "4"), Figure("GRAIN_OUTPUT", "12.5", "万吨")));

        Assert.Equal((2, 0, 0), (created.Summary.Created, created.Summary.Updated, created.Summary.Unchanged));
        Assert.Equal((0, 0, 2), (resent.Summary.Created, resent.Summary.Updated, resent.Summary.Unchanged));
        Assert.Equal(0, resent.LastSequence);
        Assert.Equal((0, 1, 1), (revised.Summary.Created, revised.Summary.Updated, revised.Summary.Unchanged));
        var grain = (await Figures.ListAllAsync(_client, "654023", "2021")).Single(f => f.Indicator == "GRAIN_OUTPUT");
        Assert.Equal(2, grain.Revision);
        Assert.Equal("12.5", grain.Value.Value.Value);
        Assert.Equal(revised.LastSequence, grain.Sequence);
    }

    [Fact]
    public async Task Validate_only_answers_as_if_applied_but_writes_nothing()
    {
        var request = Batch("654022", "2021", Figure("GDP", "70", "亿元"), Figure("GRAIN_OUTPUT", "20", "万吨"));
        request.ValidateOnly = true;
        request.RequestId = Guid.NewGuid().ToString();

        var dryRun = await _client.SubmitFiguresAsync(request);
        request.ValidateOnly = false;
        var real = await _client.SubmitFiguresAsync(request);

        Assert.Equal(2, dryRun.Summary.Created);
        Assert.Equal(0, dryRun.LastSequence);
        Assert.Equal(2, real.Summary.Created); // the dry run neither wrote figures nor used up the request id
        Assert.Equal(2, (await Figures.ListAllAsync(_client, "654022", "2021")).Count);
    }

    [Fact]
    public async Task The_change_feed_resumes_after_the_last_sequence_seen()
    {
        var first = await _client.SubmitFiguresAsync(Batch("654021", "2019", Figure("GDP", "1", "亿元"), Figure("GRAIN_OUTPUT", "1", "万吨")));
        var second = await _client.SubmitFiguresAsync(Batch("654021", "2019", Figure("GDP", "2", "亿元")));

        var fromStart = await ReadFeedAsync(afterSequence: 0, untilSequence: second.LastSequence);
        var resumed = await ReadFeedAsync(afterSequence: first.LastSequence, untilSequence: second.LastSequence);

        Assert.Equal(fromStart.OrderBy(c => c.Sequence).Select(c => c.Sequence), fromStart.Select(c => c.Sequence));
        Assert.Equal(fromStart.Select(c => c.Sequence).Distinct().Count(), fromStart.Count);
        var resumedChange = Assert.Single(resumed);
        Assert.Equal(second.LastSequence, resumedChange.Sequence);
        Assert.Equal(("GDP", "2", 2L), (resumedChange.Figure.Indicator, resumedChange.Figure.Value.Value.Value, resumedChange.Figure.Revision));
    }

    private async Task<List<Change>> ReadFeedAsync(long afterSequence, long untilSequence)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var call = _client.WatchChanges(new WatchChangesRequest { AfterSequence = afterSequence }, cancellationToken: timeout.Token);
        var changes = new List<Change>();
        await foreach (var message in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            changes.AddRange(message.Changes);
            if (changes[^1].Sequence >= untilSequence)
            {
                break;
            }
        }
        return changes;
    }
}
