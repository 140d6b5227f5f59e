using IndicatorExchange.Dashboard.Export;
using MiniExcelLibs;
using static IndicatorExchange.Dashboard.Tests.FakeSummaries;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>The Excel export has the page's columns and labels.</summary>
public sealed class SummaryWorkbookTests
{
    [Fact]
    public async Task Export_has_the_tables_two_header_rows_and_values_as_shown()
    {
        var table = Table();
        using var stream = new MemoryStream();
        await SummaryWorkbook.WriteAsync(stream, table);
        stream.Position = 0;

        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToList()).ToList();

        Assert.Equal(table.HeaderTop(), rows[0].Select(c => c?.ToString() ?? ""));
        Assert.Equal(table.HeaderSub(), rows[1].Select(c => c?.ToString() ?? ""));
        var gdp = rows[2];
        Assert.Equal("地区生产总值", gdp[0]);
        Assert.Equal("亿元", gdp[1]);
        Assert.Equal("481.81 (不完整)", gdp[2]);
        Assert.Equal(1.25m, Convert.ToDecimal(gdp[3], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("348.20 (预计)", gdp[5]);
        Assert.Equal(72.27m, Convert.ToDecimal(gdp[7], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1/2", gdp[8]);
        Assert.Equal("未报送", gdp[10]);
        Assert.Equal("133.61 (待核)", gdp[15]);
        Assert.Equal(table.Rows[0].Notes, gdp[^1]);
    }
}
