using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests;

/// <summary>
/// Opening and closing reporting periods. The demo opens 2019 to this year, so these tests use earlier
/// periods, each test its own, as they share one suite and run in any order.
/// </summary>
public sealed class PeriodAdminTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    private readonly IndicatorService.IndicatorServiceClient _client = new(suite.CreateChannel());

    [Fact]
    public async Task Opening_without_a_deadline_sets_it_to_Beijing_midnight_fifteen_days_after_the_period_ends()
    {
        var opened = (await _client.OpenPeriodAsync(new OpenPeriodRequest { Code = "2018Q2" })).Period;

        Assert.Equal("2018Q2", opened.Code);
        Assert.Equal(PeriodState.Open, opened.State);
        var expected = new DateTimeOffset(2018, 7, 16, 0, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(expected, opened.Deadline.ToDateTimeOffset());
        Assert.Equal(new DateTimeOffset(2018, 7, 15, 16, 0, 0, TimeSpan.Zero), opened.Deadline.ToDateTimeOffset());
        Assert.Null(opened.ClosedAt);
        Assert.Equal(opened, await ListedAsync("2018Q2"));
    }

    [Fact]
    public async Task Opening_with_a_deadline_keeps_it()
    {
        var deadline = Timestamp.FromDateTimeOffset(new DateTimeOffset(2018, 2, 20, 18, 0, 0, TimeSpan.FromHours(8)));

        var opened = (await _client.OpenPeriodAsync(new OpenPeriodRequest { Code = "2018M01", Deadline = deadline })).Period;

        Assert.Equal(deadline, opened.Deadline);
        Assert.Equal(deadline, (await ListedAsync("2018M01")).Deadline);
    }

    [Fact]
    public async Task Closing_an_open_period_marks_it_closed_in_the_answer_and_the_list()
    {
        var opened = (await _client.OpenPeriodAsync(new OpenPeriodRequest { Code = "2018Q3" })).Period;

        var closed = (await _client.ClosePeriodAsync(new ClosePeriodRequest { Code = "2018Q3" })).Period;

        Assert.Equal(PeriodState.Closed, closed.State);
        Assert.NotNull(closed.ClosedAt);
        Assert.True(closed.ClosedAt.ToDateTimeOffset() >= opened.OpenedAt.ToDateTimeOffset());
        Assert.Equal(opened.Deadline, closed.Deadline);
        Assert.Equal(closed, await ListedAsync("2018Q3"));
    }

    [Fact]
    public async Task Reopening_a_closed_period_opens_it_again()
    {
        await _client.OpenPeriodAsync(new OpenPeriodRequest { Code = "2017" });
        await _client.ClosePeriodAsync(new ClosePeriodRequest { Code = "2017" });

        var reopened = (await _client.OpenPeriodAsync(new OpenPeriodRequest { Code = "2017" })).Period;

        Assert.Equal(PeriodState.Open, reopened.State);
        Assert.Null(reopened.ClosedAt);
        Assert.Equal(PeriodState.Open, (await ListedAsync("2017")).State);
    }

    [Fact]
    public async Task Closing_a_period_that_was_never_opened_is_not_found()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.ClosePeriodAsync(new ClosePeriodRequest { Code = "2016M03" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal("PERIOD_NOT_FOUND", Reason(error));
        Assert.Null(await ListedOrNullAsync("2016M03"));
    }

    [Theory]
    [InlineData("2018Q5")]
    [InlineData("2018M13")]
    [InlineData("18Q1")]
    [InlineData("")]
    public async Task Malformed_period_codes_are_invalid_arguments_naming_the_code(string code)
    {
        var open = await Assert.ThrowsAsync<RpcException>(() =>
            _client.OpenPeriodAsync(new OpenPeriodRequest { Code = code }).ResponseAsync);
        var close = await Assert.ThrowsAsync<RpcException>(() =>
            _client.ClosePeriodAsync(new ClosePeriodRequest { Code = code }).ResponseAsync);

        Assert.All([open, close], error =>
        {
            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Equal([("code", "INVALID_PERIOD")], Violations(error));
        });
    }

    private async Task<ReportingPeriod> ListedAsync(string code) =>
        await ListedOrNullAsync(code) ?? throw new Xunit.Sdk.XunitException($"ListPeriods does not show {code}");

    private async Task<ReportingPeriod?> ListedOrNullAsync(string code)
    {
        var token = "";
        do
        {
            var page = await _client.ListPeriodsAsync(new ListPeriodsRequest { PageSize = 1000, PageToken = token });
            if (page.Periods.SingleOrDefault(p => p.Code == code) is { } period)
            {
                return period;
            }
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return null;
    }
}
