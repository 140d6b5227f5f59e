using System.Collections.Concurrent;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.ServiceDefaults.Security.Identity;

namespace IndicatorExchange.Cli.Tests;

/// <summary>One address per service, for the three-process deployment of deploy/README.md; each defaults to --address.</summary>
public sealed class ServiceAddressTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    [Fact]
    public async Task Each_service_is_called_at_its_own_address()
    {
        Assert.Equal(0, (await _ixc.RunAsync(_ixc.OnlineAs(Roles.PrefectureAnalyst), "targets", "import", IxcHarness.DataFile("seed-targets-2023.csv"))).Exit);
        var calls = new ConcurrentQueue<(string Host, string Path)>();
        string[] addresses =
        [
            "--indicator-address", "http://indicator.test:5101", "--target-address", "http://target.test:5102",
            "--aggregation-address", "http://aggregation.test:5103",
        ];

        var summary = await _ixc.RunAsync(_ixc.Recording(calls), ["summary", "--org", "654000", "--period", "2022", "-i", "GDP", .. addresses]);
        var targets = await _ixc.RunAsync(_ixc.Recording(calls), ["targets", "list", "--org", "654025", .. addresses]);

        Assert.True(summary.Exit == 0, summary.ToString());
        Assert.True(targets.Exit == 0, targets.ToString());
        Assert.Contains("654000", summary.Output);
        Assert.Contains("22 targets", targets.Output);
        Assert.All(calls.Where(c => c.Path.Contains("AggregationService")), c => Assert.Equal("aggregation.test", c.Host));
        Assert.All(calls.Where(c => c.Path.Contains("IndicatorService")), c => Assert.Equal("indicator.test", c.Host));
        Assert.All(calls.Where(c => c.Path.Contains("TargetService")), c => Assert.Equal("target.test", c.Host));
        Assert.Contains(calls, c => c.Path.EndsWith("/GetSummary", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Path.EndsWith("/ListOrgUnits", StringComparison.Ordinal));
        Assert.Contains(calls, c => c.Path.EndsWith("/ListTargets", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_address_defaults_to_address_and_a_service_address_overrides_it()
    {
        var all = IxcSettings.Resolve(new ServiceAddresses("http://suite:5100"), null, "outbox.db", null).ClientOptions;
        var split = IxcSettings.Resolve(new ServiceAddresses("http://suite:5100", Target: "http://targets:5102"), null, "outbox.db", null).ClientOptions;

        Assert.Equal(("http://suite:5100", "http://suite:5100", "http://suite:5100"), (all.IndicatorAddress, all.TargetAddress, all.AggregationAddress));
        Assert.Equal(("http://suite:5100", "http://targets:5102", "http://suite:5100"), (split.IndicatorAddress, split.TargetAddress, split.AggregationAddress));
        var bad = Assert.Throws<UsageException>(() => IxcSettings.Resolve(new ServiceAddresses(null, Aggregation: "5103"), null, "outbox.db", null));
        Assert.Contains("--aggregation-address '5103' 不是 http:// 或 https:// 网址", bad.Message);
    }
}
