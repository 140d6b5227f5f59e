using Google.Rpc;
using Grpc.Core;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Hardening;

/// <summary>
/// Every error's trailers stay under 8 KB, the metadata limit of the gRPC C core's clients: echoed input is cut short,
/// and the violations listed are the first ones that fit, with how many more there are (issue 21, item 4).
/// </summary>
public sealed class ErrorSizeTests(HardeningSuiteFactory suite) : IClassFixture<HardeningSuiteFactory>
{
    private const int ClientMetadataLimit = 8 * 1024;

    [Fact]
    public async Task A_100_KB_bad_indicator_code_is_refused_in_a_small_error_that_names_the_field()
    {
        var client = new IndicatorService.IndicatorServiceClient(suite.CreateChannel());

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.SubmitFiguresAsync(Batch("654025", "2023", Figure(new string('G', 100_000), "1", "亿元"))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("figures[0].indicator", "TOO_LONG")], Violations(error));
        Assert.InRange(Refusals.TrailerBytes(error), 1, ClientMetadataLimit - 1);
    }

    [Fact]
    public async Task A_summary_of_10000_unknown_codes_lists_the_first_violations_and_counts_the_rest()
    {
        var client = new AggregationService.AggregationServiceClient(suite.CreateChannel());
        var request = new GetSummaryRequest { OrgUnit = "654000", Period = "2023" };
        request.Indicators.AddRange(Enumerable.Range(0, 10_000).Select(i => $"NO_SUCH_INDICATOR_{i:D5}"));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.GetSummaryAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.InRange(Refusals.TrailerBytes(error), 1, ClientMetadataLimit - 1);
        var violations = Violations(error);
        Assert.InRange(violations.Count, 1, 100);
        Assert.Equal(("indicators[0]", "UNKNOWN_INDICATOR"), violations[0]);
        var omitted = int.Parse(error.GetRpcStatus()!.GetDetail<ErrorInfo>()!.Metadata["omitted_problems"], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(10_000, violations.Count + omitted);
        Assert.Contains($"and {omitted} more", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_batch_of_5000_bad_figures_keeps_its_error_under_the_limit_with_the_import_summary_counting_every_rejection()
    {
        var client = new IndicatorService.IndicatorServiceClient(suite.CreateChannel());
        var batch = Batch("654025", "2023", Enumerable.Range(0, 5_000).Select(i => Figure($"UNKNOWN_{i}", "x", "亿元")).ToArray());

        var error = await Assert.ThrowsAsync<RpcException>(() => client.SubmitFiguresAsync(batch).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.InRange(Refusals.TrailerBytes(error), 1, ClientMetadataLimit - 1);
        Assert.Equal(("figures[0].indicator", "UNKNOWN_INDICATOR"), Violations(error)[0]);
        Assert.Equal(5_000, error.GetRpcStatus()!.GetDetail<ImportSummary>()!.Rejected);
    }
}
