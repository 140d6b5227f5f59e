using System.Globalization;
using System.Text.RegularExpressions;
using IndicatorExchange.ServiceDefaults.Security.Identity;

namespace IndicatorExchange.Cli.Tests;

/// <summary>Every time ixc prints (history, audit, outbox, tokens) is in Beijing time and says so: "2026-12-06 14:05:00 +08:00".</summary>
public sealed partial class BeijingTimeTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    [Fact]
    public async Task History_prints_the_time_received_in_Beijing_time_with_its_offset()
    {
        Assert.Equal(0, (await _ixc.RunAsync("push", IxcHarness.DataFile("seed-figures-2022.csv"))).Exit);
        var received = (await _ixc.FiguresAsync("654002", "2022")).Single(f => f.Indicator == "GDP").ReceivedAt.ToDateTimeOffset();

        var run = await _ixc.RunAsync("history", "--org", "654002", "--period", "2022", "-i", "GDP");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains(received.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " +08:00", run.Output);
    }

    [Fact]
    public async Task Outbox_audit_and_token_times_are_Beijing_times_with_their_offset()
    {
        var file = _ixc.PathOf("gdp.csv");
        await File.WriteAllTextAsync(file, "code,value,unit\nGDP,98.76,亿元\n");
        Assert.Equal(3, (await _ixc.RunAsync(IxcHarness.Offline, "push", file, "--org", "654025", "--period", "2023Q3")).Exit);
        var admin = _ixc.OnlineAs(Roles.Administrator);
        Assert.Equal(0, (await _ixc.RunAsync("outbox", "flush")).Exit);
        Assert.Equal(3, (await _ixc.RunAsync(IxcHarness.Offline, "push", file, "--org", "654025", "--period", "2023Q2")).Exit);

        var outbox = await _ixc.RunAsync("outbox", "list");
        var audit = await _ixc.RunAsync(admin, "audit", "--limit", "5");
        var whoami = await _ixc.RunAsync(admin, "token", "whoami");

        foreach (var run in new[] { outbox, audit })
        {
            Assert.True(run.Exit == 0, run.ToString());
            var shown = BeijingTime().Matches(run.Output).Select(m => DateTimeOffset.ParseExact(m.Value, "yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)).ToList();
            Assert.NotEmpty(shown);
            Assert.All(shown, time => Assert.InRange(time - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(-5), TimeSpan.FromMinutes(1)));
        }
        Assert.Matches(@"expires=\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00", whoami.Output);
    }

    [GeneratedRegex(@"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00")]
    private static partial Regex BeijingTime();
}
