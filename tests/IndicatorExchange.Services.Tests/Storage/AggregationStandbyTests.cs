using Grpc.Core;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Peers;
using IndicatorExchange.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// A second aggregation replica (<c>--target=aggregation</c>) on the database of an all-in-one suite on PostgreSQL
/// (issue 23): the suite's aggregator leads, the second stands by and answers GetSummary and WatchSummary from the
/// leader's commits, and refuses RebuildRollups.
/// </summary>
public sealed class AggregationStandbyTests(PostgresSuiteFactory leader, SkipReasons skips)
    : IClassFixture<PostgresSuiteFactory>, IClassFixture<SkipReasons>
{
    private const string Prefecture = "654000";

    [SkippableFact]
    public async Task A_standby_replica_serves_the_leaders_summaries_and_watchers_and_refuses_a_rebuild()
    {
        skips.SkipUnless(leader.Postgres.Available, leader.Postgres.Unavailable ?? "");
        var indicators = new IndicatorService.IndicatorServiceClient(leader.CreateChannel());
        var onLeader = new AggregationService.AggregationServiceClient(leader.CreateChannel());
        var first = await indicators.SubmitFiguresAsync(Batch("654002", "2022", Figure("GDP", "500.5", "亿元", "4")));
        await SummaryAfterAsync(onLeader, new GetSummaryRequest { OrgUnit = Prefecture, Period = "2022" }, first.LastSequence);
        using var standbyHost = new StandbyFactory(leader);
        var onStandby = new AggregationService.AggregationServiceClient(standbyHost.CreateChannel());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var fromStandby = (await onStandby.GetSummaryAsync(new GetSummaryRequest { OrgUnit = Prefecture, Period = "2022" })).Summary;
        var fromLeader = (await onLeader.GetSummaryAsync(new GetSummaryRequest { OrgUnit = Prefecture, Period = "2022" })).Summary;
        Assert.Equal(fromLeader.Rows, fromStandby.Rows);

        using var watch = onStandby.WatchSummary(
            new WatchSummaryRequest { OrgUnit = Prefecture, Period = "2022", Indicators = { "GDP" } }, cancellationToken: timeout.Token);
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal("500.5", Child(watch.ResponseStream.Current.Summary));
        await indicators.SubmitFiguresAsync(Batch("654002", "2022", Figure("GDP", "510.25", "亿元", "4")));
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal("510.25", Child(watch.ResponseStream.Current.Summary));
        // Its cached rows were dropped too: a read after the commit shows it.
        Assert.Equal("510.25", Child((await onStandby.GetSummaryAsync(new GetSummaryRequest { OrgUnit = Prefecture, Period = "2022", Indicators = { "GDP" } })).Summary));

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            onStandby.RebuildRollupsAsync(new RebuildRollupsRequest { Source = RebuildSource.StoredFigures }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("does not lead", refused.Status.Detail, StringComparison.Ordinal);
    }

    private static string? Child(Summary summary) => Row(summary, "GDP").Children.Single(c => c.OrgUnit == "654002").Value?.Value;

    /// <summary>The aggregation service alone, on the leader's database, following the leader's indicator service.</summary>
    private sealed class StandbyFactory(PostgresSuiteFactory leader) : SuiteFactory
    {
        protected override IEnumerable<(string Key, string Value)> ExtraSettings =>
            [("Storage:Provider", "postgres"), ("Storage:ConnectionString", leader.ConnectionString ?? "")];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Target", "aggregation");
            // Peer calls (the change feed, the catalog, the targets) go to the leader's suite.
            builder.ConfigureServices(services =>
                services.AddSingleton<IConfigureOptions<PeerOptions>>(new ConfigureOptions<PeerOptions>(options =>
                    options.HandlerFactory = () => leader.Server.CreateHandler())));
        }
    }
}
