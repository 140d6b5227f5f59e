using IndicatorExchange.Contracts.Common.V1;

namespace IndicatorExchange.Cli.Tests;

public sealed class CsvPushTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    [Fact]
    public async Task The_seed_csv_with_chinese_indicator_names_pushes_both_counties_51_figures()
    {
        var run = await _ixc.RunAsync("push", IxcHarness.DataFile("seed-figures-2022.csv"));

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("51 created, 0 updated, 0 unchanged", run.Output);
        var yining = await _ixc.FiguresAsync("654002", "2022");
        var xinyuan = await _ixc.FiguresAsync("654025", "2022");
        Assert.Equal(51, yining.Count + xinyuan.Count);
        var trade = xinyuan.Single(f => f.Indicator == "FOREIGN_TRADE");
        Assert.Equal(("0.192", "亿美元"), (trade.Value.Value.Value, trade.Value.Unit));
        Assert.Equal(FigureStatus.Preliminary, trade.Status);
        Assert.Contains(xinyuan, f => f.Indicator == "RETAIL_SALES_ABOVE_SIZE");
        Assert.DoesNotContain(xinyuan, f => f.Indicator == "RETAIL_SALES");
    }

    [Fact]
    public async Task Pushing_the_same_file_again_changes_nothing()
    {
        var file = IxcHarness.DataFile("seed-figures-2022.csv");
        Assert.Equal(0, (await _ixc.RunAsync("push", file)).Exit);
        var before = (await _ixc.FiguresAsync("654002")).Concat(await _ixc.FiguresAsync("654025")).ToList();

        var again = await _ixc.RunAsync("push", file);

        Assert.True(again.Exit == 0, again.ToString());
        Assert.Contains("Nothing changed", again.Output);
        var after = (await _ixc.FiguresAsync("654002")).Concat(await _ixc.FiguresAsync("654025")).ToList();
        Assert.Equal(51, after.Count);
        Assert.All(after, figure => Assert.Equal(1, figure.Revision));
        Assert.Equal(before.Max(f => f.Sequence), after.Max(f => f.Sequence));
    }

    [Fact]
    public async Task English_headers_with_codes_and_the_org_and_period_from_the_command_line_work()
    {
        var file = _ixc.PathOf("english.csv");
        await File.WriteAllTextAsync(file, "code,value,unit,yoy_growth_pct,status,note\nGDP,70.5,亿元,4.2,final,checked\nNEW_URBAN_JOBS,3100,人,,reported,\n");

        var run = await _ixc.RunAsync("push", file, "--org", "654025", "--period", "2023q2");

        Assert.True(run.Exit == 0, run.ToString());
        var figures = (await _ixc.FiguresAsync("654025", "2023Q2")).ToDictionary(f => f.Indicator);
        Assert.Equal(FigureStatus.Final, figures["GDP"].Status);
        Assert.Equal("checked", figures["GDP"].Note);
        Assert.Equal(("0.31", "万人"), (figures["NEW_URBAN_JOBS"].Value.Value.Value, figures["NEW_URBAN_JOBS"].Value.Unit));
    }

    [Fact]
    public async Task Dry_run_reports_what_would_change_and_writes_nothing()
    {
        var run = await _ixc.RunAsync("push", IxcHarness.DataFile("seed-figures-2022.csv"), "--dry-run");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("would create 51", run.Output);
        Assert.Empty(await _ixc.FiguresAsync("654002"));
    }
}
