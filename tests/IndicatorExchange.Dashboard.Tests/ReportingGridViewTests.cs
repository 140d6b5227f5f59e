using Bunit;
using IndicatorExchange.Dashboard.Components.Widgets;
using static IndicatorExchange.Dashboard.Tests.FakeSummaries;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>The reporting-progress grid: which county reported what, on time or late.</summary>
public sealed class ReportingGridViewTests : BunitContext
{
    [Fact]
    public void Grid_shows_on_time_late_and_missing_per_county_and_indicator()
    {
        var cut = Render<ReportingGridView>(parameters => parameters.Add(p => p.Table, Table(Summary(Gdp(), Tourists()))));

        string Cell(string county, int column) => cut.FindAll($"tr[data-county='{county}'] td")[column].ClassName!;
        Assert.Equal("report-on-time", Cell(Yining, 0));
        Assert.Equal("report-late", Cell(Xinyuan, 0));
        Assert.Equal("report-missing", Cell(Kuitun, 0));
        Assert.Equal("未报", cut.FindAll($"tr[data-county='{Kuitun}'] td")[0].TextContent.Trim());
        // Tourist visits expected only from Yining: the others are not expected, not missing.
        Assert.Equal("report-on-time", Cell(Yining, 1));
        Assert.Equal("report-not-expected", Cell(Kuitun, 1));
    }

    [Fact]
    public void Indicator_headers_hold_the_name_in_a_rotated_span_with_the_full_name_on_hover()
    {
        var cut = Render<ReportingGridView>(parameters => parameters.Add(p => p.Table, Table(Summary(Gdp(), Tourists()))));

        var gdp = cut.Find("thead th.indicator[data-indicator='GDP']");
        Assert.Equal("地区生产总值", gdp.GetAttribute("title"));
        Assert.Equal("地区生产总值", gdp.QuerySelector("span")!.TextContent.Trim());
    }
}
