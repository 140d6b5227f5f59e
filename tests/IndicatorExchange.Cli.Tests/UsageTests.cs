namespace IndicatorExchange.Cli.Tests;

public sealed class UsageTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    [Fact]
    public async Task Pushing_a_missing_file_exits_2_with_a_clear_message()
    {
        var missing = _ixc.PathOf("no-such-figures.xlsx");

        var run = await _ixc.RunAsync("push", missing);

        Assert.Equal(2, run.Exit);
        Assert.Contains($"No such file: {missing}", run.Output);
        Assert.Empty(await _ixc.FiguresAsync("654025"));
    }

    [Fact]
    public async Task Importing_a_missing_targets_file_exits_2()
    {
        var run = await _ixc.RunAsync("targets", "import", _ixc.PathOf("targets.csv"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("No such file", run.Output);
    }

    [Fact]
    public async Task A_file_that_is_not_a_figures_sheet_exits_2_naming_the_expected_headers()
    {
        var file = _ixc.PathOf("notes.csv");
        await File.WriteAllTextAsync(file, "a,b\n1,2\n");

        var run = await _ixc.RunAsync("push", file);

        Assert.Equal(2, run.Exit);
        Assert.Contains("line 1 is not a figures header", run.Output);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("push", "--help")]
    [InlineData("outbox", "flush", "--help")]
    [InlineData("summary", "-h")]
    public async Task Every_command_has_help_listing_the_exit_codes(params string[] args)
    {
        var run = await _ixc.RunAsync(args);

        Assert.Equal(0, run.Exit);
        Assert.Contains("Usage:", run.Output);
        Assert.Contains("3  service unreachable (a push is queued in the outbox)", run.Output);
    }

    [Theory]
    [InlineData("push")]
    [InlineData("summary", "--org", "654000")]
    [InlineData("summary", "--org", "654000", "--period", "2022", "--format", "yaml")]
    [InlineData("frobnicate")]
    public async Task Bad_usage_exits_2(params string[] args)
    {
        var run = await _ixc.RunAsync(args);

        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains("Usage error", run.Output);
    }

    [Fact]
    public async Task A_malformed_period_is_a_usage_error_before_anything_is_asked()
    {
        var run = await _ixc.RunAsync(IxcHarness.Offline, "summary", "--org", "654000", "--period", "2023Q5");

        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains("--period '2023Q5' is not a period code", run.Output);
    }

    [Fact]
    public async Task An_unknown_org_unit_is_a_refusal_exit_1()
    {
        var run = await _ixc.RunAsync("template", "--org", "999999", "--period", "2023Q3", "-o", _ixc.PathOf("t.xlsx"));

        Assert.True(run.Exit == 1, run.ToString());
        Assert.Contains("NotFound", run.Output);
    }

    [Fact]
    public async Task Catalog_and_periods_list_what_a_county_needs_to_fill_a_sheet()
    {
        var catalog = await _ixc.RunAsync("catalog", "--period", "2023Q3");
        var periods = await _ixc.RunAsync("periods", "--year", "2023");

        Assert.Equal(0, catalog.Exit);
        Assert.Contains("FOREIGN_TRADE", catalog.Output);
        Assert.Contains("美元 / 万美元 / 亿美元", catalog.Output);
        Assert.DoesNotContain("FOREST_COVERAGE", catalog.Output);
        Assert.Equal(0, periods.Exit);
        Assert.Contains("2023Q3", periods.Output);
        Assert.Contains("17 of", periods.Output);
    }
}
