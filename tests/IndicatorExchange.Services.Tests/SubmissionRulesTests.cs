using System.Text.RegularExpressions;
using Grpc.Core;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests;

/// <summary>
/// One test per rule that refuses a SubmitFigures batch (indicator_service.proto): the status code
/// (INVALID_ARGUMENT for bad input, FAILED_PRECONDITION when only the state of a period or org unit is wrong),
/// the ErrorInfo reason, every field violation, the ImportSummary in the error details, and that nothing was
/// written. The suite holds no figures; each test uses its own org unit and period.
/// </summary>
public sealed partial class SubmissionRulesTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    private readonly IndicatorService.IndicatorServiceClient _client = new(suite.CreateChannel());

    // ---- Periods -------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_period_never_opened_is_a_failed_precondition()
    {
        // The demo opens 2019 onwards: 2017 is in the past but was never opened.
        var error = await RejectAsync(Batch("654002", "2017", Figure("GDP", "300", "亿元")));

        AssertRejected(error, StatusCode.FailedPrecondition, rejected: 1, ("period", "PERIOD_NOT_OPEN"));
        await AssertNothingWrittenAsync("654002", "2017");
    }

    [Fact]
    public async Task A_closed_period_is_a_failed_precondition_until_it_is_opened_again()
    {
        await _client.OpenPeriodAsync(new OpenPeriodRequest { Code = "2016" });
        await _client.ClosePeriodAsync(new ClosePeriodRequest { Code = "2016" });

        var error = await RejectAsync(Batch("654003", "2016", Figure("GDP", "100", "亿元"), Figure("GRAIN_OUTPUT", "5", "万吨")));

        AssertRejected(error, StatusCode.FailedPrecondition, rejected: 2, ("period", "PERIOD_CLOSED"));
        await AssertNothingWrittenAsync("654003", "2016");

        await _client.OpenPeriodAsync(new OpenPeriodRequest { Code = "2016" });
        var accepted = await _client.SubmitFiguresAsync(Batch("654003", "2016", Figure("GDP", "100", "亿元"), Figure("GRAIN_OUTPUT", "5", "万吨")));
        Assert.Equal(2, accepted.Summary.Created);
    }

    [Fact]
    public async Task A_period_that_has_not_begun_is_a_failed_precondition()
    {
        // Relative to the clock, so that the test keeps meaning "the future": next year, and next month by the
        // calendar of Beijing, which the demo has already opened when it is in this year (e.g. 2026M12).
        var beijing = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8));
        // Retail sales publish January with February (1-2月), so in December "next month" is taken as February.
        var nextMonth = beijing.AddMonths(beijing.Month == 12 ? 2 : 1);
        string[] periods = [$"{beijing.Year + 1}", $"{nextMonth.Year}M{nextMonth.Month:00}"];

        foreach (var period in periods)
        {
            var error = await RejectAsync(Batch("654004", period, Figure("RETAIL_SALES", "10", "亿元")));

            AssertRejected(error, StatusCode.FailedPrecondition, rejected: 1, ("period", "PERIOD_IN_FUTURE"));
            await AssertNothingWrittenAsync("654004", period);
        }
    }

    [Fact]
    public async Task An_input_error_beside_a_closed_period_makes_the_batch_invalid_and_lists_both()
    {
        await _client.OpenPeriodAsync(new OpenPeriodRequest { Code = "2015" });
        await _client.ClosePeriodAsync(new ClosePeriodRequest { Code = "2015" });

        var error = await RejectAsync(Batch("654021", "2015", Figure("GDP", "abc", "亿元"), Figure("GRAIN_OUTPUT", "5", "万吨")));

        AssertRejected(error, StatusCode.InvalidArgument, rejected: 2,
            ("figures[0].quantity.value", "INVALID_DECIMAL"), ("period", "PERIOD_CLOSED"));
        await AssertNothingWrittenAsync("654021", "2015");
    }

    // ---- Org units -----------------------------------------------------------------------------------------

    [Fact]
    public async Task A_closed_org_unit_refuses_periods_from_its_closing_and_accepts_earlier_ones()
    {
        await _client.CreateOrgUnitAsync(new CreateOrgUnitRequest
        {
            OrgUnit = new OrgUnit
            {
                Code = "654090",
                NameZh = "测试县",
                NameEn = "Test County",
                Level = OrgUnitLevel.County,
                ParentCode = "654000",
                ClosedOn = "2020-01-01",
                MergedInto = "654002",
            },
        });

        // 2020 starts on the day the unit closed: already refused.
        foreach (var period in new[] { "2021", "2020" })
        {
            var error = await RejectAsync(Batch("654090", period, Figure("GDP", "10", "亿元")));

            AssertRejected(error, StatusCode.FailedPrecondition, rejected: 1, ("org_unit", "ORG_UNIT_CLOSED"));
            await AssertNothingWrittenAsync("654090", period);
        }

        var accepted = await _client.SubmitFiguresAsync(Batch("654090", "2019", Figure("GDP", "10", "亿元")));
        Assert.Equal(1, accepted.Summary.Created);
        Assert.Equal("10", Assert.Single(await Figures.ListAllAsync(_client, "654090", "2019")).Value.Value.Value);
    }

    // ---- Periodicities -------------------------------------------------------------------------------------

    [Fact]
    public async Task An_annual_only_indicator_is_refused_for_a_quarter()
    {
        var error = await RejectAsync(Batch("654022", "2023Q2", Figure("GRAIN_OUTPUT", "13", "万吨")));

        AssertRejected(error, StatusCode.InvalidArgument, rejected: 1, ("figures[0].indicator", "PERIODICITY_NOT_ALLOWED"));
        await AssertNothingWrittenAsync("654022", "2023Q2");
    }

    [Fact]
    public async Task January_alone_is_refused_for_an_indicator_published_for_January_and_February_together()
    {
        var error = await RejectAsync(Batch("654023", "2023M01", Figure("RETAIL_SALES", "8", "亿元")));

        AssertRejected(error, StatusCode.InvalidArgument, rejected: 1, ("figures[0].indicator", "JANUARY_NOT_PUBLISHED"));
        await AssertNothingWrittenAsync("654023", "2023M01");

        var february = await _client.SubmitFiguresAsync(Batch("654023", "2023M02", Figure("RETAIL_SALES", "8", "亿元")));
        Assert.Equal(1, february.Summary.Created);
        Assert.Single(await Figures.ListAllAsync(_client, "654023", "2023M02"));
    }

    // ---- Bounds --------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_rate_above_100_percent_is_out_of_bounds()
    {
        var error = await RejectAsync(Batch("654024", "2022", Figure("SURVEYED_UNEMPLOYMENT_RATE", "105", "%")));

        AssertRejected(error, StatusCode.InvalidArgument, rejected: 1, ("figures[0].quantity.value", "VALUE_OUT_OF_BOUNDS"));
        await AssertNothingWrittenAsync("654024", "2022");
    }

    [Fact]
    public async Task A_negative_gdp_is_out_of_bounds()
    {
        var error = await RejectAsync(Batch("654026", "2022", Figure("GDP", "-1", "亿元")));

        AssertRejected(error, StatusCode.InvalidArgument, rejected: 1, ("figures[0].quantity.value", "VALUE_OUT_OF_BOUNDS"));
        await AssertNothingWrittenAsync("654026", "2022");
    }

    [Fact]
    public async Task Xinyuans_unemployment_rate_within_bounds_is_accepted()
    {
        var response = await _client.SubmitFiguresAsync(Batch("654025", "2022", Figure("SURVEYED_UNEMPLOYMENT_RATE", "5.5", "%")));

        Assert.Equal((1, 0), (response.Summary.Created, response.Summary.Rejected));
        Assert.Empty(response.Summary.Issues);
        var rate = Assert.Single(await Figures.ListAllAsync(_client, "654025", "2022"));
        Assert.Equal(("5.5", "%"), (rate.Value.Value.Value, rate.Value.Unit));
    }

    // ---- Values and units ----------------------------------------------------------------------------------

    [Theory]
    [InlineData("1e5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("")]
    [InlineData("1,000")]
    public async Task A_value_that_is_not_a_plain_decimal_is_refused(string value)
    {
        var error = await RejectAsync(Batch("654027", "2022", Figure("GDP", value, "亿元")));

        AssertRejected(error, StatusCode.InvalidArgument, rejected: 1, ("figures[0].quantity.value", "INVALID_DECIMAL"));
        await AssertNothingWrittenAsync("654027", "2022");
    }

    [Fact]
    public async Task A_unit_of_another_dimension_is_refused_not_converted()
    {
        var error = await RejectAsync(Batch("654028", "2022", Figure("GDP", "100", "美元")));

        AssertRejected(error, StatusCode.InvalidArgument, rejected: 1, ("figures[0].quantity.unit", "UNIT_DIMENSION_MISMATCH"));
        await AssertNothingWrittenAsync("654028", "2022");
    }

    [Fact]
    public async Task Mixed_units_in_one_upload_are_normalised_exactly()
    {
        // Yining writes foreign trade as 7.4 亿美元, Xinyuan as 1920 万美元 (domain.md §2): one upload, two counties.
        using var call = _client.UploadFigures();
        await call.RequestStream.WriteAsync(new UploadFiguresRequest { Header = new UploadHeader { RequestId = Guid.NewGuid().ToString() } });
        await call.RequestStream.WriteAsync(new UploadFiguresRequest
        {
            Batch = new UploadBatch { OrgUnit = "654002", Period = "2023", Figures = { Figure("FOREIGN_TRADE", "7.4", "亿美元", "21") } },
        });
        await call.RequestStream.WriteAsync(new UploadFiguresRequest
        {
            Batch = new UploadBatch { OrgUnit = "654025", Period = "2023", Figures = { Figure("FOREIGN_TRADE", "1920", "万美元", "24.19") } },
        });
        await call.RequestStream.CompleteAsync();
        var response = await call;

        Assert.Equal((2, 0, 0, 0), (response.Summary.Created, response.Summary.Updated, response.Summary.Unchanged, response.Summary.Rejected));
        var yining = Assert.Single(await Figures.ListAllAsync(_client, "654002", "2023"));
        var xinyuan = Assert.Single(await Figures.ListAllAsync(_client, "654025", "2023"));
        Assert.Equal(("7.4", "亿美元"), (yining.Value.Value.Value, yining.Value.Unit));
        Assert.Equal(("7.4", "亿美元"), (yining.Sent.Value.Value, yining.Sent.Unit));
        Assert.Equal(("0.192", "亿美元"), (xinyuan.Value.Value.Value, xinyuan.Value.Unit));
        Assert.Equal(("1920", "万美元"), (xinyuan.Sent.Value.Value, xinyuan.Sent.Unit));
        // Exact decimal arithmetic on the stored text: 7.4 + 0.192, never 7.5920000000000005.
        Assert.Equal(7.592m, decimal.Parse(yining.Value.Value.Value, System.Globalization.CultureInfo.InvariantCulture)
                             + decimal.Parse(xinyuan.Value.Value.Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_indicator_sent_twice_in_one_batch_is_refused_on_the_second()
    {
        var error = await RejectAsync(Batch("654004", "2021", Figure("GDP", "100", "亿元"), Figure("GDP", "101", "亿元")));

        AssertRejected(error, StatusCode.InvalidArgument, rejected: 1, ("figures[1].indicator", "DUPLICATE_INDICATOR"));
        Assert.Equal(1, Assert.Single(SummaryOf(error).Issues).Index);
        await AssertNothingWrittenAsync("654004", "2021");
    }

    // ---- Helpers -------------------------------------------------------------------------------------------

    private async Task<RpcException> RejectAsync(SubmitFiguresRequest request) =>
        await Assert.ThrowsAsync<RpcException>(() => _client.SubmitFiguresAsync(request).ResponseAsync);

    private static ImportSummary SummaryOf(RpcException error) =>
        error.GetRpcStatus()?.GetDetail<ImportSummary>() ?? throw new Xunit.Sdk.XunitException("The error carries no ImportSummary detail.");

    /// <summary>
    /// The status code, the ErrorInfo reason, exactly these field violations in this order, and the ImportSummary:
    /// nothing counted as written, <paramref name="rejected"/> figures rejected, the same problems as errors, each
    /// figure's problem carrying the figure's index.
    /// </summary>
    private static void AssertRejected(RpcException error, StatusCode code, int rejected, params (string Field, string Reason)[] violations)
    {
        Assert.Equal(code, error.StatusCode);
        Assert.Equal("FIGURES_REJECTED", Reason(error));
        Assert.Equal(violations, Violations(error));

        var summary = SummaryOf(error);
        Assert.Equal((0, 0, 0, rejected), (summary.Created, summary.Updated, summary.Unchanged, summary.Rejected));
        Assert.Equal(violations, summary.Issues.Select(i => (i.Field, i.Reason)));
        Assert.All(summary.Issues, issue =>
        {
            Assert.Equal(IssueSeverity.Error, issue.Severity);
            Assert.False(string.IsNullOrWhiteSpace(issue.Message));
            if (FigurePath().Match(issue.Field) is { Success: true } figure)
            {
                Assert.Equal(int.Parse(figure.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), issue.Index);
            }
        });
    }

    private async Task AssertNothingWrittenAsync(string orgUnit, string period) =>
        Assert.Empty(await Figures.ListAllAsync(_client, orgUnit, period));

    [GeneratedRegex(@"^figures\[(\d+)\]")]
    private static partial Regex FigurePath();
}
