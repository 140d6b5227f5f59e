namespace IndicatorExchange.Cli.Tests;

/// <summary>ixc's own checks answer in Chinese and English, like the services ("数值 '1,920' 不是数字 / value '1,920' is not a number").</summary>
public sealed class BilingualMessageTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    [Fact]
    public async Task A_value_with_a_thousands_separator_is_refused_in_both_languages()
    {
        var file = _ixc.PathOf("trade.csv");
        await File.WriteAllTextAsync(file, "code,value,unit,yoy_growth_pct\nFOREIGN_TRADE,\"1,920\",万美元,1e2\n");

        var run = await _ixc.RunAsync("push", file, "--org", "654025", "--period", "2022");

        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains("数值 '1,920' 不是数字", run.Output);
        Assert.Contains("/ value '1,920' is not a number", run.Output);
        Assert.Contains("同比增长 '1e2' 不是数字", run.Output);
        Assert.Empty(await _ixc.FiguresAsync("654025"));
    }

    [Fact]
    public async Task A_malformed_period_is_refused_in_both_languages_on_the_command_line_and_in_a_row()
    {
        var option = await _ixc.RunAsync(IxcHarness.Offline, "history", "--org", "654025", "--period", "2023Q5", "-i", "GDP");
        var file = _ixc.PathOf("q5.csv");
        await File.WriteAllTextAsync(file, "code,period,value,unit\nGDP,2023Q5,1,亿元\n");
        var row = await _ixc.RunAsync("push", file, "--org", "654025");

        Assert.True(option.Exit == 2, option.ToString());
        Assert.Contains("--period '2023Q5' 不是报告期代码", option.Output);
        Assert.Contains("--period '2023Q5' is not a period code", option.Output);
        Assert.True(row.Exit == 2, row.ToString());
        Assert.Contains("row 2: 报告期 '2023Q5' 不是报告期代码", row.Output);
        Assert.Contains("/ period '2023Q5' is not a period code", row.Output);
    }

    [Fact]
    public async Task A_missing_token_file_is_refused_in_both_languages()
    {
        var missing = _ixc.PathOf("county-654025.jwt");

        var run = await _ixc.RunAsync("catalog", "--token-file", missing);

        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains($"令牌文件 '{missing}' 不存在", run.Output);
        Assert.Contains($"token file '{missing}' (--token-file or $IXC_TOKEN_FILE) does not exist", run.Output);
    }
}
