using System.Text.Json;
using IndicatorExchange.Contracts.Target.V1;
using MiniExcelLibs;

namespace IndicatorExchange.Cli.Tests;

public sealed class SummaryAndTargetsTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    private async Task<long> PushSeedAsync()
    {
        var push = await _ixc.RunAsync("push", IxcHarness.DataFile("seed-figures-2022.csv"));
        Assert.True(push.Exit == 0, push.ToString());
        return IxcHarness.SequenceIn(push.Output);
    }

    [Fact]
    public async Task Summary_as_json_carries_the_prefecture_gdp_total_after_the_seed_push()
    {
        var sequence = await PushSeedAsync();

        var run = await _ixc.RunAsync("summary", "--org", "654000", "--period", "2022", "--indicator", "GDP", "FOREIGN_TRADE",
            "--format", "json", "--wait-sequence", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(run.Exit == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Output);
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("indicator").GetString()!);
        Assert.Equal("481.81", rows["GDP"].GetProperty("total").GetProperty("value").GetString());
        Assert.True(rows["GDP"].GetProperty("partial").GetBoolean());
        Assert.Equal("7.592", rows["FOREIGN_TRADE"].GetProperty("total").GetProperty("value").GetString());
    }

    [Fact]
    public async Task Summary_table_shows_totals_growth_children_and_missing_counties_and_exports_to_excel()
    {
        var sequence = await PushSeedAsync();
        var export = _ixc.PathOf("summary.xlsx");

        var run = await _ixc.RunAsync("summary", "--org", "654000", "--period", "2022", "-i", "GDP", "-o", export,
            "--wait-sequence", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("481.81 *", run.Output);
        Assert.Contains("1.25", run.Output);
        Assert.Contains("2/11", run.Output);
        Assert.Contains("奎屯市", run.Output);
        Assert.Contains("654025 新源县", run.Output);
        Assert.Contains("72.27", run.Output);
        var lines = MiniExcel.Query(export, useHeaderRow: true, sheetName: "明细 lines").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(481.81, lines[0]["数值 value"]);
        Assert.Equal("654002", lines[1]["地区代码 org_unit"]?.ToString());
    }

    [Fact]
    public async Task Summary_as_csv_has_a_total_line_and_a_line_per_child_with_exact_values()
    {
        var sequence = await PushSeedAsync();

        var run = await _ixc.RunAsync("summary", "--org", "654000", "--period", "2022", "-i", "GDP", "--format", "csv",
            "--wait-sequence", sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.True(run.Exit == 0, run.ToString());
        var lines = run.Output.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("level,indicator,name_zh,unit,org_unit,org_name,value,growth_pct", lines[0]);
        Assert.StartsWith("total,GDP,地区生产总值,亿元,654000,", lines[1]);
        Assert.Contains(",481.81,1.2542", lines[1]);
        Assert.StartsWith("child,GDP,地区生产总值,亿元,654002,伊宁市,348.2,0.6,", lines[2]);
    }

    [Fact]
    public async Task Watch_prints_the_summary_again_when_figures_arrive()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = new SynchronizedOutput();
        var watching = IxcApp.RunAsync(["summary", "--org", "654000", "--period", "2022", "-i", "GDP", "--format", "json", "--watch", "--outbox", _ixc.OutboxPath],
            _ixc.Online, output, cancellationToken: cancel.Token);
        await output.WaitForAsync("\"period\"", cancel.Token);

        await PushSeedAsync();
        await output.WaitForAsync("481.81", cancel.Token);
        await cancel.CancelAsync();

        Assert.Equal(0, await watching);
        Assert.True(output.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length >= 2, output.Text);
    }

    [Fact]
    public async Task Targets_import_sets_the_seed_targets_per_county_and_year()
    {
        var run = await _ixc.RunAsync(_ixc.OnlineAs(IndicatorExchange.ServiceDefaults.Security.Identity.Roles.PrefectureAnalyst), "targets", "import", IxcHarness.DataFile("seed-targets-2023.csv"));

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("654002 2023: 21 created", run.Output);
        Assert.Contains("654025 2023: 22 created", run.Output);
        var targets = await _ixc.Client.Targets.ListTargetsAsync(new ListTargetsRequest { Year = 2023, PageSize = 1000 });
        Assert.Equal(43, targets.Targets.Count);
        var jobs = targets.Targets.Single(t => t.Definition.OrgUnit == "654002" && t.Definition.Indicator == "NEW_URBAN_JOBS");
        Assert.Equal(("0.9", "万人"), (jobs.NormalisedThreshold.Value, jobs.CanonicalUnit));

        var list = await _ixc.RunAsync("targets", "list", "--org", "654025");
        Assert.Equal(0, list.Exit);
        Assert.Contains("22 targets", list.Output);
    }

    /// <summary>Output written by the watching command while the test reads it.</summary>
    private sealed class SynchronizedOutput : StringWriter
    {
        private readonly Lock _lock = new();

        public string Text
        {
            get
            {
                lock (_lock)
                {
                    return ToString();
                }
            }
        }

        public override void Write(char value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void Write(string? value)
        {
            lock (_lock)
            {
                base.Write(value);
            }
        }

        public override void WriteLine(string? value)
        {
            lock (_lock)
            {
                base.WriteLine(value);
            }
        }

        public async Task WaitForAsync(string text, CancellationToken cancellation)
        {
            while (!Text.Contains(text, StringComparison.Ordinal))
            {
                await Task.Delay(50, cancellation);
            }
        }
    }
}
