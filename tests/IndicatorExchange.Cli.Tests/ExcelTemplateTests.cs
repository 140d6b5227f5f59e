using IndicatorExchange.Contracts.Common.V1;
using MiniExcelLibs;

namespace IndicatorExchange.Cli.Tests;

public sealed class ExcelTemplateTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    [Fact]
    public async Task Template_lists_the_indicators_of_the_period_with_bilingual_headers_org_period_and_accepted_units()
    {
        var template = _ixc.PathOf("figures.xlsx");

        var run = await _ixc.RunAsync("template", "--org", "654025", "--period", "2023Q3", "-o", template);

        Assert.True(run.Exit == 0, run.ToString());
        var rows = Read(template);
        foreach (var header in new[] { "指标代码 code", "指标名称 name", "单位 unit", "数值 value", "同比增长% yoy_growth_pct", "状态 status", "备注 note", "可选单位 accepted_units" })
        {
            Assert.Contains(header, rows[0].Keys);
        }
        Assert.All(rows, row => Assert.Equal("654025", row["行政区划代码 org_code"]));
        Assert.All(rows, row => Assert.Equal("2023Q3", row["报告期 period"]));
        var gdp = Row(rows, "GDP");
        Assert.Equal("地区生产总值", gdp["指标名称 name"]);
        Assert.Equal("亿元", gdp["单位 unit"]);
        Assert.Equal("元 / 万元 / 亿元", gdp["可选单位 accepted_units"]);
        // Annual-only indicators cannot be reported for a quarter and are left out.
        Assert.DoesNotContain(rows, row => (string?)row["指标代码 code"] == "COMPULSORY_EDUCATION_RETENTION_RATE");
        Assert.All(rows, row => Assert.Null(row["数值 value"]));
    }

    [Fact]
    public async Task A_filled_in_template_pushes_its_values_in_their_units_and_the_next_template_shows_them()
    {
        var template = _ixc.PathOf("figures.xlsx");
        Assert.Equal(0, (await _ixc.RunAsync("template", "--org", "654025", "--period", "2023Q3", "-o", template)).Exit);
        var rows = Read(template);
        // Numbers typed in cells (doubles to Excel), and a number typed as text.
        Fill(Row(rows, "GDP"), 98.76, growth: 5.1);
        Fill(Row(rows, "FOREIGN_TRADE"), 1500, unit: "万美元");
        Fill(Row(rows, "FIXED_ASSET_INVESTMENT"), "45.6", status: "preliminary");
        var filled = _ixc.PathOf("filled.xlsx");
        MiniExcel.SaveAs(filled, rows);

        var run = await _ixc.RunAsync("push", filled);

        Assert.True(run.Exit == 0, run.ToString());
        Assert.Contains("3 created", run.Output);
        var figures = (await _ixc.FiguresAsync("654025", "2023Q3")).ToDictionary(f => f.Indicator);
        Assert.Equal(3, figures.Count);
        Assert.Equal(("98.76", "亿元"), (figures["GDP"].Value.Value.Value, figures["GDP"].Value.Unit));
        Assert.Equal("5.1", figures["GDP"].YoyGrowthPct.Value);
        Assert.Equal(("1500", "万美元"), (figures["FOREIGN_TRADE"].Sent.Value.Value, figures["FOREIGN_TRADE"].Sent.Unit));
        Assert.Equal(("0.15", "亿美元"), (figures["FOREIGN_TRADE"].Value.Value.Value, figures["FOREIGN_TRADE"].Value.Unit));
        Assert.Equal("45.6", figures["FIXED_ASSET_INVESTMENT"].Value.Value.Value);
        Assert.Equal(FigureStatus.Preliminary, figures["FIXED_ASSET_INVESTMENT"].Status);

        var next = _ixc.PathOf("next.xlsx");
        Assert.Equal(0, (await _ixc.RunAsync("template", "--org", "654025", "--period", "2023Q3", "-o", next)).Exit);
        var again = Read(next);
        Assert.Equal(1500d, Row(again, "FOREIGN_TRADE")["数值 value"]);
        Assert.Equal("万美元", Row(again, "FOREIGN_TRADE")["单位 unit"]);
    }

    private static List<IDictionary<string, object?>> Read(string file) =>
        MiniExcel.Query(file, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();

    private static IDictionary<string, object?> Row(List<IDictionary<string, object?>> rows, string code) =>
        rows.Single(row => (string?)row["指标代码 code"] == code);

    private static void Fill(IDictionary<string, object?> row, object value, string? unit = null, double? growth = null, string? status = null)
    {
        row["数值 value"] = value;
        if (unit is not null)
        {
            row["单位 unit"] = unit;
        }
        if (growth is not null)
        {
            row["同比增长% yoy_growth_pct"] = growth;
        }
        if (status is not null)
        {
            row["状态 status"] = status;
        }
    }
}
