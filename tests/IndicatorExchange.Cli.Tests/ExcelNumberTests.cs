using System.Globalization;
using MiniExcelLibs;

namespace IndicatorExchange.Cli.Tests;

/// <summary>Excel out holds numbers as numbers, with the indicator's precision as number format, and marks in their own columns.</summary>
public sealed class ExcelNumberTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    private async Task<string> PushSeedAsync()
    {
        var push = await _ixc.RunAsync("push", IxcHarness.DataFile("seed-figures-2022.csv"));
        Assert.True(push.Exit == 0, push.ToString());
        return IxcHarness.SequenceIn(push.Output).ToString(CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Summary_xlsx_has_numeric_cells_with_the_precision_of_each_indicator_marks_apart_and_county_headers_merged()
    {
        var wait = await PushSeedAsync();
        var file = _ixc.PathOf("summary.xlsx");

        var run = await _ixc.RunAsync("summary", "--org", "654000", "--period", "2022", "-i", "GDP", "FOREIGN_TRADE", "-o", file, "--format", "csv", "--wait-sequence", wait);

        Assert.True(run.Exit == 0, run.ToString());
        var sheet = new XlsxInspector(file);
        var gdp = sheet.Find("GDP");
        var trade = sheet.Find("FOREIGN_TRADE");
        var total = XlsxInspector.At(gdp, sheet.Find("合计"));
        Assert.True(sheet.IsNumber(total));
        Assert.Equal("481.81", sheet.Text(total));
        Assert.Equal("0.00", sheet.Format(total));
        Assert.Equal("7.592", sheet.Text(XlsxInspector.At(trade, total)));
        Assert.Equal("0.000", sheet.Format(XlsxInspector.At(trade, total)));
        Assert.Equal("不完整", sheet.Text(XlsxInspector.At(gdp, sheet.Find("标记"))));
        // Yining's name is merged over its six columns: value, growth, share, rank, target, marks.
        var yining = sheet.Find("伊宁市");
        var first = XlsxInspector.Column(yining);
        Assert.Contains(sheet.Merges, merge => merge.StartsWith(yining + ":", StringComparison.Ordinal) && merge.EndsWith("1", StringComparison.Ordinal) && merge != yining + ":" + yining);
        var value = XlsxInspector.At(gdp, first + "2");
        Assert.True(sheet.IsNumber(value));
        Assert.Equal("348.2", sheet.Text(value));
        Assert.Equal("0.00", sheet.Format(value));
        var marks = sheet.Merges.Single(m => m.StartsWith(yining + ":", StringComparison.Ordinal)).Split(':')[1];
        Assert.StartsWith("预计", sheet.Text(XlsxInspector.At(gdp, marks)));
        // The lines sheet: numbers a reader gets back as numbers.
        var lines = MiniExcel.Query(file, useHeaderRow: true, sheetName: "明细 lines").Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(481.81, lines[0]["数值 value"]);
        Assert.Equal("654002", lines[1]["地区代码 org_unit"]);
    }

    [Fact]
    public async Task English_summary_xlsx_has_english_headers_units_marks_and_targets()
    {
        var targets = _ixc.PathOf("targets-2022.csv");
        await File.WriteAllTextAsync(targets,
            "org_code,org_name,indicator_name_zh,indicator_name_en,year,target_kind,value,unit,remark\n654002,伊宁市,地区生产总值,Gross regional product,2022,growth_at_least,8,%,\n");
        var import = await _ixc.RunAsync(_ixc.OnlineAs(IndicatorExchange.ServiceDefaults.Security.Identity.Roles.PrefectureAnalyst), "targets", "import", targets);
        Assert.True(import.Exit == 0, import.ToString());
        var wait = await PushSeedAsync();
        var file = _ixc.PathOf("summary-en.xlsx");

        XlsxInspector sheet;
        var target = "";
        // The aggregator follows the target feed on its own: ask again until the target shows.
        for (var attempt = 0; ; attempt++)
        {
            var run = await _ixc.RunAsync("summary", "--org", "654000", "--period", "2022", "-i", "GDP", "-o", file, "--lang", "en", "--format", "json", "--wait-sequence", wait);
            Assert.True(run.Exit == 0, run.ToString());
            sheet = new XlsxInspector(file);
            // Yining's columns end with target, marks: the target is the one before the last of its merged header.
            var yiningMarks = sheet.Merges.Single(m => m.StartsWith(sheet.Find("Yining City") + ":", StringComparison.Ordinal)).Split(':')[1];
            target = sheet.Text(XlsxInspector.At(sheet.Find("GDP"), PreviousColumn(yiningMarks))) ?? "";
            if (target.Length > 0 || attempt == 40)
            {
                break;
            }
            await Task.Delay(250);
        }
        Assert.StartsWith("growth ≥ 8%: behind (gap -7.40 pts)", target);
        var gdp = sheet.Find("GDP");
        Assert.Equal("Gross regional product", sheet.Text(XlsxInspector.At(gdp, sheet.Find("Indicator"))));
        Assert.Equal("100 million yuan", sheet.Text(XlsxInspector.At(gdp, sheet.Find("Unit"))));
        Assert.Equal("partial", sheet.Text(XlsxInspector.At(gdp, sheet.Find("Marks"))));
        Assert.Equal("Value", sheet.Text(XlsxInspector.At("A2", sheet.Find("Yining City"))));
    }

    /// <summary>"L1" → "K1".</summary>
    private static string PreviousColumn(string reference)
    {
        var column = XlsxInspector.Column(reference);
        var index = column.Aggregate(0, (n, c) => n * 26 + c - 'A' + 1) - 1;
        return IndicatorExchange.Spreadsheets.XlsxSheet.ColumnName(index - 1) + XlsxInspector.Row(reference);
    }

    [Fact]
    public async Task Template_prefills_values_as_numbers_with_the_indicators_precision_in_the_unit_sent()
    {
        var file = _ixc.PathOf("values.csv");
        await File.WriteAllTextAsync(file, "code,value,unit,yoy_growth_pct\nGDP,98.76,亿元,5.1\nFOREIGN_TRADE,1500,万美元,\n");
        Assert.Equal(0, (await _ixc.RunAsync("push", file, "--org", "654025", "--period", "2023Q3")).Exit);
        var template = _ixc.PathOf("figures.xlsx");

        Assert.Equal(0, (await _ixc.RunAsync("template", "--org", "654025", "--period", "2023Q3", "-o", template)).Exit);

        var sheet = new XlsxInspector(template);
        var valueColumn = sheet.Find("数值 value");
        var gdp = XlsxInspector.At(sheet.Find("GDP"), valueColumn);
        var trade = XlsxInspector.At(sheet.Find("FOREIGN_TRADE"), valueColumn);
        Assert.True(sheet.IsNumber(gdp));
        Assert.Equal(("98.76", "0.00"), (sheet.Text(gdp), sheet.Format(gdp)));
        // Foreign trade is shown with 3 decimals in 亿美元, so with none in 万美元.
        Assert.True(sheet.IsNumber(trade));
        Assert.Equal(("1500", "0"), (sheet.Text(trade), sheet.Format(trade)));
        Assert.True(sheet.IsNumber(XlsxInspector.At(sheet.Find("GDP"), sheet.Find("同比增长% yoy_growth_pct"))));
    }
}
