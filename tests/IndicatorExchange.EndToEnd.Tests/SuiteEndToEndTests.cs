using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Testing;

namespace IndicatorExchange.EndToEnd.Tests;

/// <summary>
/// A county pushes the two seed reports' 2022 figures to the real executable and the prefecture reads
/// its summary: once with the three services in one process, once as three processes.
/// </summary>
public sealed class SuiteEndToEndTests : IDisposable
{
    private const int SeedFigureCount = 51;
    private readonly TemporaryDirectory _temporary = new("ix-e2e-");

    private string _dataDirectory => _temporary.Path;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task All_in_one_process_pushes_figures_and_summarises_them_across_a_restart()
    {
        long lastSequence;
        await using (var suite = await SuiteProcess.StartAsync(_dataDirectory, "--demo=reference"))
        {
            var indicators = new IndicatorService.IndicatorServiceClient(suite.Channel);
            var pushed = await CountyPush.PushSeedFiguresAsync(indicators, "e2e");
            var repeated = await CountyPush.PushSeedFiguresAsync(indicators, "e2e-again");
            lastSequence = pushed.LastSequence;

            Assert.Equal((SeedFigureCount, 0), (pushed.Created, pushed.Unchanged));
            Assert.Equal((0, SeedFigureCount), (repeated.Created, repeated.Unchanged));
            await AssertPrefectureSummaryAsync(new AggregationService.AggregationServiceClient(suite.Channel), lastSequence);
        }

        // Restarted without --demo: the acknowledged figures and the aggregator's cursor are still there.
        await using var restarted = await SuiteProcess.StartAsync(_dataDirectory);
        await AssertPrefectureSummaryAsync(new AggregationService.AggregationServiceClient(restarted.Channel), lastSequence);

        // The rebuild command replays the feed into fresh rollups that give the same summary.
        var (exitCode, output) = await SuiteProcess.RunCommandAsync("rebuild", $"--address={restarted.Address}", $"--data-dir={_dataDirectory}");
        Assert.True(exitCode == 0, output);
        Assert.Contains("revisions replayed", output);
        await AssertPrefectureSummaryAsync(new AggregationService.AggregationServiceClient(restarted.Channel), lastSequence);
    }

    [Fact]
    public async Task Stopping_the_suite_ends_open_watches_with_unavailable_and_does_not_wait_for_them()
    {
        await using var suite = await SuiteProcess.StartAsync(_dataDirectory, "--demo=reference");
        var watch = new AggregationService.AggregationServiceClient(suite.Channel)
            .WatchSummary(new WatchSummaryRequest { OrgUnit = "654000", Period = "2022" });
        var feed = new IndicatorService.IndicatorServiceClient(suite.Channel).WatchChanges(new WatchChangesRequest());
        Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None)); // the first summary: the stream is open

        var stopping = System.Diagnostics.Stopwatch.StartNew();
        suite.Terminate();

        // Before, the open streams held the shutdown for the host's whole timeout (30 s).
        Assert.True(await suite.WaitForExitAsync(TimeSpan.FromSeconds(15)), $"still running {stopping.Elapsed.TotalSeconds:0} s after SIGTERM");
        var ended = await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
        {
            while (await watch.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
        Assert.Equal(Grpc.Core.StatusCode.Unavailable, ended.StatusCode);
        await Assert.ThrowsAsync<Grpc.Core.RpcException>(async () =>
        {
            while (await feed.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });
    }

    [Fact]
    public async Task Stopped_with_SIGTERM_after_following_the_feed_the_aggregator_does_not_report_a_broken_feed()
    {
        await using var suite = await SuiteProcess.StartAsync(_dataDirectory, "--demo");
        var aggregation = new AggregationService.AggregationServiceClient(suite.Channel);
        // Once the consumer has applied the demo's figures, a stream broken under it counts as a break after progress.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await aggregation.GetSummaryAsync(new GetSummaryRequest { OrgUnit = "654000", Period = "2022" })).Summary.AsOfSequence == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the aggregator never followed the feed");
            await Task.Delay(100);
        }
        suite.Terminate();
        Assert.True(await suite.WaitForExitAsync(TimeSpan.FromSeconds(15)), "still running after SIGTERM");

        // The indicator service ends its streams as the application starts stopping; the consumer in the same process
        // stops with it, rather than logging a broken feed that it would re-open.
        var output = suite.Output;
        const string Stopping = "Application is shutting down";
        Assert.Contains(Stopping, output);
        var afterStop = output[output.IndexOf(Stopping, StringComparison.Ordinal)..];
        foreach (var unwanted in new[] { "Change feed broke", "fail:", "crit:" })
        {
            Assert.False(afterStop.Contains(unwanted, StringComparison.Ordinal), $"'{unwanted}' in the output:\n{output}");
        }
    }

    [Fact]
    public async Task Started_from_another_directory_the_suite_reads_the_settings_beside_its_executable()
    {
        // SuiteProcess starts the executable in its data directory, as a service manager might.
        await using var suite = await SuiteProcess.StartAsync(_dataDirectory, "--demo=reference");
        await new AggregationService.AggregationServiceClient(suite.Channel).GetSummaryAsync(new GetSummaryRequest { OrgUnit = "654000", Period = "2022" });
        suite.Terminate();
        Assert.True(await suite.WaitForExitAsync(TimeSpan.FromSeconds(15)), "still running after SIGTERM");

        var output = suite.Output;
        const string ContentRoot = "Content root path: ";
        var root = output.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(ContentRoot, StringComparison.Ordinal))?[ContentRoot.Length..];
        Assert.True(root is not null, output);
        Assert.True(File.Exists(Path.Combine(root, "appsettings.json")), $"content root {root} holds no appsettings.json");
        // appsettings.json sets Microsoft.AspNetCore to Warning: without it, every request logged two lines.
        Assert.DoesNotContain("Microsoft.AspNetCore.Hosting.Diagnostics", output);
    }

    [Fact]
    public async Task Three_separate_processes_talk_only_over_grpc()
    {
        await using var indicator = await SuiteProcess.StartAsync(_dataDirectory, "--target=indicator", "--demo=reference");
        await using var target = await SuiteProcess.StartAsync(_dataDirectory, "--target=target", $"--indicator-address={indicator.Address}");
        await using var aggregation = await SuiteProcess.StartAsync(_dataDirectory, "--target=aggregation",
            $"--indicator-address={indicator.Address}", $"--target-address={target.Address}");

        // An org-unit tree loaded from a CSV, parents after children in the file.
        var tree = Path.Combine(_dataDirectory, "tree.csv");
        await File.WriteAllTextAsync(tree, """
            code,name_zh,name_en,level,parent_code
            659001,测试一县,Test County One,county,659000
            659002,测试二县,Test County Two,county,659000
            659000,测试州,Test Prefecture,prefecture,650000
            """);
        var loaded = await SuiteProcess.RunCommandAsync("import-org-units", tree, $"--address={indicator.Address}", $"--data-dir={_dataDirectory}");
        var reloaded = await SuiteProcess.RunCommandAsync("import-org-units", tree, $"--address={indicator.Address}", $"--data-dir={_dataDirectory}");
        Assert.True(loaded.ExitCode == 0, loaded.Output);
        Assert.Contains("3 created, 0 updated", loaded.Output);
        Assert.Contains("0 created, 3 updated", reloaded.Output);
        var children = await new IndicatorService.IndicatorServiceClient(indicator.Channel).ListOrgUnitsAsync(new ListOrgUnitsRequest { ParentCode = "659000" });
        Assert.Equal(["659001", "659002"], children.OrgUnits.Select(u => u.Code));

        var pushed = await CountyPush.PushSeedFiguresAsync(new IndicatorService.IndicatorServiceClient(indicator.Channel), "e2e");
        await AssertPrefectureSummaryAsync(new AggregationService.AggregationServiceClient(aggregation.Channel), pushed.LastSequence);

        // The county's targets arrive through the import command, as a target setter would load them.
        var file = Path.Combine(AppContext.BaseDirectory, "Data", "seed-targets-2023.csv");
        var imported = await SuiteProcess.RunCommandAsync("import-targets", file, $"--address={target.Address}", $"--data-dir={_dataDirectory}", $"--indicator-address={indicator.Address}");
        var again = await SuiteProcess.RunCommandAsync("import-targets", file, $"--address={target.Address}", $"--data-dir={_dataDirectory}", $"--indicator-address={indicator.Address}");
        Assert.True(imported.ExitCode == 0, imported.Output);
        Assert.Contains("654002 2023: 21 created", imported.Output);
        Assert.Contains("654025 2023: 22 created", imported.Output);
        Assert.Equal(imported.Output, again.Output); // the same file again: the first answer, nothing new
        var targets = await new TargetService.TargetServiceClient(target.Channel).ListTargetsAsync(
            new ListTargetsRequest { OrgUnit = "654002", Year = 2023, PageSize = 1000 });
        Assert.Contains(targets.Targets, t => t.Definition.Indicator == "GDP" && t.Definition.Kind == TargetKind.GrowthAtLeast && t.Definition.Threshold.Value == "8");
        Assert.All(targets.Targets, t => Assert.Equal(1, t.Revision));
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "indicator.db")));
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "target.db")));
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "aggregation.db")));
    }

    private static async Task AssertPrefectureSummaryAsync(AggregationService.AggregationServiceClient client, long sequence)
    {
        var summary = await SummaryAfterAsync(client, new GetSummaryRequest { OrgUnit = "654000", Period = "2022" }, sequence);
        var gdp = summary.Rows.Single(r => r.Indicator == "GDP");
        var trade = summary.Rows.Single(r => r.Indicator == "FOREIGN_TRADE");
        var retail = summary.Rows.Single(r => r.Indicator == "RETAIL_SALES");
        var retailAboveSize = summary.Rows.Single(r => r.Indicator == "RETAIL_SALES_ABOVE_SIZE");

        Assert.Equal("481.81", gdp.Total.Value);
        Assert.Equal(1.25m, Math.Round(gdp.GrowthPct.ToDecimal(), 2));
        Assert.Equal(["654002", "654025"], gdp.Children.Select(c => c.OrgUnit).Order());
        Assert.Equal(9, gdp.MissingOrgUnits.Count);
        Assert.True(gdp.Partial);

        Assert.Equal("7.592", trade.Total.Value);
        // Σ base: 7.4/1.21 + 0.192/1.2419; growth = 7.592 / Σ base − 1
        var tradeBase = 7.4m / 1.21m + 0.192m / 1.2419m;
        Assert.Equal(Math.Round((7.592m / tradeBase - 1m) * 100m, 6), Math.Round(trade.GrowthPct.ToDecimal(), 6));

        Assert.Equal("101.4", retail.Total.Value);
        Assert.DoesNotContain(retail.Children, c => c.OrgUnit == "654025");
        Assert.Equal("5.04", retailAboveSize.Total.Value);
    }

    private static async Task<Summary> SummaryAfterAsync(AggregationService.AggregationServiceClient client, GetSummaryRequest request, long sequence)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var summary = (await client.GetSummaryAsync(request, deadline: DateTime.UtcNow.AddSeconds(10))).Summary;
            if (summary.AsOfSequence >= sequence)
            {
                return summary;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The aggregator reached sequence {summary.AsOfSequence}, not {sequence}.");
            }
            await Task.Delay(100);
        }
    }
}
