using IndicatorExchange.ServiceDefaults.Security.Identity;

namespace IndicatorExchange.Cli.Tests;

/// <summary>A workbook holding several counties' rows (as a prefecture office circulates one): --org sends one county's.</summary>
public sealed class MultiUnitFileTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    [Fact]
    public async Task Push_with_org_sends_that_units_rows_and_says_how_many_rows_of_other_units_it_left_out()
    {
        var yining = _ixc.OnlineAs(Roles.CountyReporter, "654002");

        var run = await _ixc.RunAsync(yining, "push", IxcHarness.DataFile("seed-figures-2022.csv"), "--org", "654002");

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("Left out 24 rows of other units (654025: 24)", run.Output);
        Assert.Contains("已略过其他单位的 24 行", run.Output);
        Assert.Equal(27, (await _ixc.FiguresAsync("654002", "2022")).Count);
        Assert.Empty(await _ixc.FiguresAsync("654025", "2022"));
    }

    [Fact]
    public async Task Without_org_a_county_token_is_refused_for_the_whole_file_and_the_answer_suggests_org()
    {
        var yining = _ixc.OnlineAs(Roles.CountyReporter, "654002");

        var run = await _ixc.RunAsync(yining, "push", IxcHarness.DataFile("seed-figures-2022.csv"));

        Assert.True(run.Exit == 1, run.ToString());
        Assert.Contains("the file holds rows of 2 org units (654002, 654025); push one unit's rows with --org CODE", run.Output);
        Assert.Empty(await _ixc.FiguresAsync("654002", "2022"));
    }
}
