namespace IndicatorExchange.Cli.Tests;

public sealed class RowNumberTests : IDisposable
{
    private const string Header = "org_code,org_name,indicator_name_zh,indicator_name_en,period,value,unit,yoy_growth_pct,status,remark\n";

    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    [Fact]
    public async Task A_rejected_figure_is_reported_with_its_row_in_the_file_and_nothing_is_written()
    {
        var file = _ixc.PathOf("bad-unit.csv");
        await File.WriteAllTextAsync(file, Header +
            "654025,新源县,地区生产总值,,2023,133.61,亿元,3,reported,\n" +
            "654025,新源县,工业总产值,,2023,132.63,亿元,11,reported,\n" +
            "654025,新源县,固定资产投资,,2023,65.99,亿美元,23.24,reported,\n" +
            "654025,新源县,外贸进出口总额,,2023,1920,万美元,24.19,reported,\n");

        var run = await _ixc.RunAsync("push", file);

        Assert.True(run.Exit == 1, run.ToString());
        Assert.Contains("row 4 FIXED_ASSET_INVESTMENT: UNIT_DIMENSION_MISMATCH", run.Output);
        Assert.DoesNotContain("row 2", run.Output);
        Assert.Contains("Nothing was written", run.Output);
        Assert.Empty(await _ixc.FiguresAsync("654025"));
    }

    [Fact]
    public async Task Rows_that_cannot_be_read_are_listed_with_their_numbers_before_anything_is_sent()
    {
        var file = _ixc.PathOf("unreadable.csv");
        await File.WriteAllTextAsync(file, Header +
            "654025,新源县,地区生产总值,,2023,133.61,亿元,3,reported,\n" +
            "654025,新源县,地区生产总值增加值,,2023,1,亿元,,reported,\n" +
            "654025,新源县,工业总产值,,2023,132.63,亿元,11,reported,\n" +
            "654025,新源县,固定资产投资,,2023,\"65,99\",亿元,,reported,\n" +
            "654025,新源县,外贸进出口总额,,2023,1920,万美元,,maybe,\n");

        var run = await _ixc.RunAsync("push", file);

        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains("row 3: 指标 '地区生产总值增加值' 不在目录中 / indicator '地区生产总值增加值' is not in the catalog", run.Output);
        Assert.Contains("row 5: 数值 '65,99' 不是数字（只用数字和一个小数点，不用分隔符或指数）/ value '65,99' is not a number", run.Output);
        Assert.Contains("row 6: 状态 'maybe' 不是 上报、预计、核定 之一 / status 'maybe'", run.Output);
        Assert.Contains("nothing was sent", run.Output);
        Assert.Empty(await _ixc.FiguresAsync("654025"));
    }

    [Fact]
    public async Task Quality_warnings_carry_their_rows_and_make_strict_exit_4()
    {
        var file = _ixc.PathOf("warnings.csv");
        await File.WriteAllTextAsync(file, Header +
            "654025,新源县,社会消费品零售总额,,2022,5,亿元,,reported,\n" +
            "654025,新源县,限额以上社会消费品零售总额,,2022,20,亿元,,reported,\n");

        var run = await _ixc.RunAsync("push", file, "--strict");

        Assert.True(run.Exit == 4, run.ToString());
        Assert.Contains("row 3 RETAIL_SALES_ABOVE_SIZE: COMPONENT_EXCEEDS_TOTAL", run.Output);
        Assert.Contains("row 2 RETAIL_SALES: TOTAL_BELOW_COMPONENT", run.Output);
        Assert.Equal(2, (await _ixc.FiguresAsync("654025")).Count);
    }

    [Fact]
    public async Task A_duplicate_row_names_both_rows()
    {
        var file = _ixc.PathOf("duplicate.csv");
        await File.WriteAllTextAsync(file, Header +
            "654025,新源县,地区生产总值,,2023,133.61,亿元,3,reported,\n" +
            "654025,新源县,GDP,,2023,134,亿元,3,reported,\n");

        var run = await _ixc.RunAsync("push", file);

        Assert.True(run.Exit == 2, run.ToString());
        Assert.Contains("row 3: 654025 2023 的 GDP 已在第 2 行 / GDP for 654025 2023 is already on row 2", run.Output);
    }
}
