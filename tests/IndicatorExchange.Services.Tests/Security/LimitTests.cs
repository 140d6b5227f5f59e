using Grpc.Core;
using IndicatorExchange.Contracts.Access.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Security;

/// <summary>What protects the suite from a runaway client: per-subject rate limits, batch and message sizes.</summary>
public sealed class LimitTests(TightLimitsSuiteFactory suite) : IClassFixture<TightLimitsSuiteFactory>
{
    [Fact]
    public async Task A_subject_calling_too_fast_gets_resource_exhausted_while_others_go_on()
    {
        var hasty = new AccessService.AccessServiceClient(suite.CreateChannel(Roles.CountyReporter, "654025", "hasty"));
        var calm = new AccessService.AccessServiceClient(suite.CreateChannel(Roles.CountyReporter, "654002", "calm"));

        var outcomes = new List<StatusCode>();
        for (var i = 0; i < 6; i++)
        {
            try
            {
                await hasty.GetCallerAsync(new GetCallerRequest());
                outcomes.Add(StatusCode.OK);
            }
            catch (RpcException exception)
            {
                outcomes.Add(exception.StatusCode);
                Assert.Contains("RATE_LIMITED", exception.Status.Detail, StringComparison.Ordinal);
            }
        }

        Assert.Equal(StatusCode.OK, outcomes[0]);
        Assert.Contains(StatusCode.ResourceExhausted, outcomes);
        Assert.All(outcomes, o => Assert.True(o is StatusCode.OK or StatusCode.ResourceExhausted, o.ToString()));
        Assert.Equal("calm", (await calm.GetCallerAsync(new GetCallerRequest())).Subject);
    }

    [Fact]
    public async Task A_batch_over_the_figure_limit_is_refused_with_the_field_and_nothing_is_written()
    {
        var client = new IndicatorService.IndicatorServiceClient(suite.CreateChannel(Roles.CountyReporter, "654021", "big-batch"));
        var batch = Batch("654021", "2023", Figure("GDP", "1", "亿元"), Figure("FIXED_ASSET_INVESTMENT", "1", "亿元"), Figure("RETAIL_SALES", "1", "亿元"));

        var error = await Assert.ThrowsAsync<RpcException>(() => client.SubmitFiguresAsync(batch).ResponseAsync);

        Assert.True(Reason(error) == "BATCH_TOO_LARGE", error.Status.Detail);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal([("figures", "BATCH_TOO_LARGE")], Violations(error));
        Assert.Empty((await client.ListFiguresAsync(new ListFiguresRequest { OrgUnit = "654021", Period = "2023" })).Figures);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_refused()
    {
        var client = new IndicatorService.IndicatorServiceClient(suite.CreateChannel(Roles.CountyReporter, "654022", "huge-message"));
        var figure = Figure("GDP", "1", "亿元");
        figure.Note = new string('x', 100_000);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.SubmitFiguresAsync(Batch("654022", "2023", figure)).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
    }
}
