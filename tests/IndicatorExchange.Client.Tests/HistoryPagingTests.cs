using IndicatorExchange.Contracts.Indicator.V1;
using ReferenceOnlySuiteFactory = IndicatorExchange.Services.Tests.ReferenceOnlySuiteFactory;
using ServiceGrpc = IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Client.Tests;

/// <summary>A figure's history longer than one page (the service ends a page before 3 MB) is read whole.</summary>
public sealed class HistoryPagingTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    [Fact]
    public async Task Every_revision_of_a_history_over_several_pages_is_returned_oldest_first()
    {
        // 720 revisions with a 6 KB note: 4.3 MB, more than one page.
        var figures = new IndicatorService.IndicatorServiceClient(suite.CreateChannel());
        const int revisions = 720;
        for (var i = 1; i <= revisions; i++)
        {
            var figure = ServiceGrpc.Figure("GDP", i.ToString(System.Globalization.CultureInfo.InvariantCulture), "亿元");
            figure.Note = new string('注', 2_000);
            figure.ConfirmWarnings = true;
            await figures.SubmitFiguresAsync(ServiceGrpc.Batch("654027", "2023", figure));
        }
        using var client = new IndicatorExchangeClient(Suite.Options(suite));

        var history = await client.GetFigureHistoryAsync("654027", "2023", "GDP");

        Assert.Equal(Enumerable.Range(1, revisions).Select(i => (long)i), history.Select(r => r.Revision));
    }
}
