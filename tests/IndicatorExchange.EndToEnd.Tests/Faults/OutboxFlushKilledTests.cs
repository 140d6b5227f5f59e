using System.Globalization;
using System.Text;
using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.Testing;
using Xunit.Abstractions;

namespace IndicatorExchange.EndToEnd.Tests.Faults;

/// <summary>
/// Uploads queued in ixc's outbox while the suite is down, then flushed while ixc is killed (SIGKILL) and while the
/// suite is killed: every queued upload is applied exactly once, in the order it was queued.
/// </summary>
public sealed class OutboxFlushKilledTests(ITestOutputHelper output) : IDisposable
{
    // Every quarter of seven years: uploads of some size, so that a flush takes long enough to be killed in.
    private static readonly string[] Periods = [.. Enumerable.Range(2019, 7).SelectMany(year => new[] { $"{year}Q1", $"{year}Q2", $"{year}Q3", $"{year}Q4" })];
    private static readonly string[] Indicators = ["GDP", "FIXED_ASSET_INVESTMENT"];
    private const int Files = 5;
    private readonly TemporaryDirectory _temporary = new("ix-fault-outbox-");

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task Queued_uploads_are_delivered_once_when_ixc_and_the_suite_are_killed_mid_flush()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"seed {seed}");
        var random = new Random(seed);
        var data = Directory.CreateDirectory(Path.Combine(_temporary.Path, "suite")).FullName;
        var outbox = Path.Combine(_temporary.Path, "outbox.db");
        var port = SuiteProcess.FreePort();
        string[] arguments = ["--Limits:RequestsPerSecond=0"];
        var suite = await SuiteProcess.StartOnPortAsync(port, data, new Dictionary<string, string>(), [.. arguments, "--demo=reference"]);
        try
        {
            var counties = (await new IndicatorService.IndicatorServiceClient(suite.Channel)
                .ListOrgUnitsAsync(new ListOrgUnitsRequest { ParentCode = "654000" })).OrgUnits.Select(u => u.Code).ToArray();
            var token = suite.Issue("fault-ixc", Roles.CountyReporter, "654000");
            var files = Enumerable.Range(0, Files).Select(file => WriteFile(file, counties)).ToArray();

            // The first push online (ixc keeps the catalog), the others queued while the suite is down.
            var first = await IxcProcess.RunAsync(suite.Address, token, outbox, "push", files[0]);
            Assert.True(first.ExitCode == 0, first.Output);
            await suite.KillAsync();
            foreach (var file in files[1..])
            {
                var queued = await IxcProcess.RunAsync(suite.Address, token, outbox, "push", file);
                Assert.True(queued.ExitCode == 3, queued.Output);
            }
            await suite.DisposeAsync();
            suite = await SuiteProcess.StartOnPortAsync(port, data, new Dictionary<string, string>(), arguments);

            // ixc killed at random moments of its flushes.
            for (var kill = 0; kill < 3; kill++)
            {
                await using var flush = IxcProcess.Start(suite.Address, token, outbox, "outbox", "flush");
                await UntilDeliveringAsync(flush);
                await Task.Delay(random.Next(0, 3000));
                var ended = flush.HasExited;
                await flush.KillAsync();
                output.WriteLine($"ixc kill {kill + 1}: {(ended ? $"had ended with {flush.ExitCode}" : "killed")}\n{flush.Output}");
            }
            // The suite killed during a flush: ixc keeps what it could not deliver.
            await using (var flush = IxcProcess.Start(suite.Address, token, outbox, "outbox", "flush"))
            {
                await UntilDeliveringAsync(flush);
                await Task.Delay(random.Next(0, 3000));
                await suite.KillAsync();
                await suite.DisposeAsync();
                var exit = await flush.WaitForExitAsync(TimeSpan.FromMinutes(1));
                output.WriteLine($"suite killed during a flush; ixc exited {exit}\n{flush.Output}");
            }
            suite = await SuiteProcess.StartOnPortAsync(port, data, new Dictionary<string, string>(), arguments);

            var last = await IxcProcess.RunAsync(suite.Address, token, outbox, "outbox", "flush");
            Assert.True(last.ExitCode == 0, last.Output);
            var list = await IxcProcess.RunAsync(suite.Address, token, outbox, "outbox", "list");
            Assert.Contains("The outbox is empty", list.Output);

            var reader = new IndicatorService.IndicatorServiceClient(suite.ChannelWith(token));
            foreach (var county in counties)
            {
                foreach (var period in Periods)
                {
                    foreach (var indicator in Indicators)
                    {
                        var history = (await reader.GetFigureHistoryAsync(new GetFigureHistoryRequest { OrgUnit = county, Period = period, Indicator = indicator }))
                            .Revisions.OrderBy(r => r.Revision).ToArray();
                        // One revision per queued upload, in the order queued, each with its own request id.
                        Assert.Equal(Enumerable.Range(0, Files).Select(file => Value(file, county, period, indicator)), history.Select(r => Figures.Parse(r.Sent.Value)));
                        Assert.Equal(Files, history.Select(r => r.RequestId).Distinct().Count());
                    }
                }
            }
        }
        finally
        {
            await suite.DisposeAsync();
        }
    }

    /// <summary>Until ixc says it starts delivering (or has ended): its start-up is no part of the flush.</summary>
    private static async Task UntilDeliveringAsync(IxcProcess ixc)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!ixc.Output.Contains("Delivering", StringComparison.Ordinal) && !ixc.HasExited)
        {
            Assert.True(DateTime.UtcNow < deadline, $"ixc did not start delivering:\n{ixc.Output}");
            await Task.Delay(10);
        }
    }

    private string WriteFile(int file, IReadOnlyList<string> counties)
    {
        var csv = new StringBuilder("org_code,period,code,value,unit\n");
        foreach (var county in counties)
        {
            foreach (var period in Periods)
            {
                foreach (var indicator in Indicators)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{county},{period},{indicator},{Figures.Text(Value(file, county, period, indicator))},亿元\n");
                }
            }
        }
        var path = Path.Combine(_temporary.Path, $"figures-{file}.csv");
        File.WriteAllText(path, csv.ToString());
        return path;
    }

    /// <summary>Different in every file, so each delivered upload is one new revision of every figure.</summary>
    private static decimal Value(int file, string county, string period, string indicator) =>
        100m * (file + 1) + int.Parse(county[^2..], CultureInfo.InvariantCulture) + (int.Parse(period[..4], CultureInfo.InvariantCulture) - 2000) / 100m + (period[^1] - '0') / 10_000m
        + (indicator == "GDP" ? 0.001m : 0.002m);
}
