using Bunit;
using IndicatorExchange.Dashboard.Components.Widgets;
using IndicatorExchange.Dashboard.Model;
using static IndicatorExchange.Dashboard.Tests.FakeSummaries;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>The main-indicator table rendered from summaries built as the aggregation service sends them.</summary>
public sealed class SummaryTableViewTests : BunitContext
{
    private IRenderedComponent<SummaryTableView> RenderTable(SummaryTable table) =>
        Render<SummaryTableView>(parameters => parameters.Add(p => p.Table, table));

    private static string Text(IRenderedComponent<SummaryTableView> cut, string selector) => cut.Find(selector).TextContent.Trim();

    [Fact]
    public void Headers_follow_the_prefecture_layout_with_each_countys_columns()
    {
        var cut = RenderTable(Table());

        var top = cut.FindAll("thead tr:first-child th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["指标", "单位", "州直合计", "增长%", "目标", "伊宁市", "奎屯市", "新源县", "备注"], top);
        var sub = cut.FindAll("thead tr:nth-child(2) th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(15, sub.Count);
        Assert.Equal(["数值", "增长%", "占比%", "排名(总量/增速)", "目标"], sub.Take(5));
    }

    [Fact]
    public void Row_shows_total_growth_and_each_countys_value_growth_share_and_rank_rounded_for_display()
    {
        var cut = RenderTable(Table());

        Assert.StartsWith("481.81", Text(cut, "tr[data-indicator='GDP'] td[data-cell='total']"));
        Assert.Equal("1.25", Text(cut, "tr[data-indicator='GDP'] td[data-cell='growth']"));
        Assert.StartsWith("348.20", Text(cut, $"td[data-county='{Yining}'][data-cell='value']"));
        Assert.Equal("0.60", Text(cut, $"td[data-county='{Yining}'][data-cell='growth']"));
        Assert.Equal("72.27", Text(cut, $"td[data-county='{Yining}'][data-cell='share']"));
        Assert.Equal("1/2", Text(cut, $"td[data-county='{Yining}'][data-cell='rank']"));
        Assert.StartsWith("133.61", Text(cut, $"td[data-county='{Xinyuan}'][data-cell='value']"));
        Assert.Equal("3.00", Text(cut, $"td[data-county='{Xinyuan}'][data-cell='growth']"));
        Assert.Equal("27.73", Text(cut, $"td[data-county='{Xinyuan}'][data-cell='share']"));
        Assert.Equal("2/1", Text(cut, $"td[data-county='{Xinyuan}'][data-cell='rank']"));
    }

    [Fact]
    public void Partial_total_is_marked_and_the_missing_county_is_named()
    {
        var cut = RenderTable(Table());

        var total = cut.Find("tr[data-indicator='GDP'] td[data-cell='total']");
        Assert.Contains("total-partial", total.ClassName);
        Assert.Equal("不完整", total.QuerySelector(".mark-partial")!.TextContent.Trim());
        var missing = cut.Find($"tr[data-indicator='GDP'] td.missing[data-county='{Kuitun}']");
        Assert.Equal("未报送", missing.TextContent.Trim());
        Assert.Equal(SummaryTable.ColumnsPerCounty.ToString(System.Globalization.CultureInfo.InvariantCulture), missing.GetAttribute("colspan"));
        Assert.Contains("不完整, 未报送: 奎屯市", Text(cut, "tr[data-indicator='GDP'] td[data-cell='notes']"));
    }

    [Fact]
    public void Missing_county_is_named_even_without_the_org_unit_tree()
    {
        var cut = RenderTable(Table(withOrgUnits: false));

        Assert.Equal("未报送", Text(cut, $"td.missing[data-county='{Kuitun}']"));
        Assert.Contains(Kuitun, Text(cut, "tr[data-indicator='GDP'] td[data-cell='notes']"));
        Assert.Equal("州直合计", cut.FindAll("thead th")[2].TextContent.Trim());
    }

    [Fact]
    public void Complete_total_has_no_partial_mark()
    {
        var cut = RenderTable(Table(Summary(Tourists())));

        var total = cut.Find("tr[data-indicator='TOURIST_VISITS'] td[data-cell='total']");
        Assert.Equal("1500.0", total.TextContent.Trim());
        Assert.Null(total.QuerySelector(".mark-partial"));
        Assert.Equal("", Text(cut, "tr[data-indicator='TOURIST_VISITS'] td[data-cell='notes']"));
    }

    [Fact]
    public void Preliminary_and_flagged_figures_are_marked_beside_the_value()
    {
        var cut = RenderTable(Table());

        var yining = cut.Find($"td[data-county='{Yining}'][data-cell='value']");
        Assert.Equal("预计", yining.QuerySelector(".mark-preliminary")!.TextContent.Trim());
        Assert.Null(yining.QuerySelector(".mark-flagged"));
        var xinyuan = cut.Find($"td[data-county='{Xinyuan}'][data-cell='value']");
        Assert.Equal("待核", xinyuan.QuerySelector(".mark-flagged")!.TextContent.Trim());
        Assert.Equal("迟报", xinyuan.QuerySelector(".mark-late")!.TextContent.Trim());
        Assert.Null(xinyuan.QuerySelector(".mark-preliminary"));
        var notes = Text(cut, "tr[data-indicator='GDP'] td[data-cell='notes']");
        Assert.Contains("预计: 伊宁市", notes);
        Assert.Contains("待核: 新源县", notes);
    }

    [Fact]
    public void Target_progress_is_coloured_by_status_for_the_prefecture_and_each_county()
    {
        var cut = RenderTable(Table(Summary(Gdp(), Tourists())));

        var prefecture = cut.Find("tr[data-indicator='GDP'] td[data-cell='target'] .progress-badge");
        Assert.Contains("progress-behind", prefecture.ClassName);
        Assert.Equal("滞后 ≥8%: -6.75 个百分点", prefecture.TextContent.Trim());
        Assert.Contains("progress-ahead", cut.Find($"tr[data-indicator='GDP'] td[data-county='{Yining}'][data-cell='target'] .progress-badge").ClassName);
        Assert.Contains("progress-achieved", cut.Find($"tr[data-indicator='GDP'] td[data-county='{Xinyuan}'][data-cell='target'] .progress-badge").ClassName);
        var tourists = cut.Find("tr[data-indicator='TOURIST_VISITS'] td[data-cell='target'] .progress-badge");
        Assert.Contains("progress-on-track", tourists.ClassName);
        Assert.Equal("正常 120.2% (时序进度 100%)", tourists.TextContent.Trim());
        Assert.Contains("progress-not-reported",
            cut.Find($"tr[data-indicator='TOURIST_VISITS'] td[data-county='{Yining}'][data-cell='target'] .progress-badge").ClassName);
        Assert.Empty(cut.FindAll($"tr[data-indicator='TOURIST_VISITS'] td[data-county='{Xinyuan}'][data-cell='target'] .progress-badge"));
    }

    [Fact]
    public void English_switch_changes_labels_and_names()
    {
        var cut = RenderTable(Table(text: UiText.English));

        var top = cut.FindAll("thead tr:first-child th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["Indicator", "Unit", "Prefecture total", "Growth %", "Target", "Yining", "Kuytun", "Xinyuan", "Notes"], top);
        Assert.Equal("Gross regional product", Text(cut, "tr[data-indicator='GDP'] td.indicator-name"));
        Assert.Equal("partial", Text(cut, "tr[data-indicator='GDP'] .mark-partial"));
        Assert.Equal("not reported", Text(cut, $"td.missing[data-county='{Kuitun}']"));
    }

    [Fact]
    public void Clicking_a_county_selects_it_for_the_drill_down()
    {
        CountyColumn? selected = null;
        var cut = Render<SummaryTableView>(parameters => parameters
            .Add(p => p.Table, Table())
            .Add(p => p.OnCountySelected, county => selected = county));

        cut.Find($"th.county-name[data-county='{Xinyuan}']").Click();

        Assert.Equal(new CountyColumn(Xinyuan, "新源县"), selected);
    }

    [Fact]
    public void Rows_follow_the_report_order_not_the_order_received()
    {
        var cut = RenderTable(Table(Summary(Tourists(), Gdp())));

        Assert.Equal(["GDP", "TOURIST_VISITS"], cut.FindAll("tbody tr").Select(tr => tr.GetAttribute("data-indicator")));
    }

    [Fact]
    public void County_names_are_links_to_the_countys_own_page_reachable_by_keyboard()
    {
        var cut = RenderTable(Table());

        var link = cut.Find($"th.county-name[data-county='{Xinyuan}'] a.county-link");
        Assert.Equal("新源县", link.TextContent.Trim());
        Assert.Equal($"?org={Xinyuan}&period=2022&lang=zh", link.GetAttribute("href"));
    }

    [Fact]
    public void Compact_layout_keeps_value_growth_and_rank_per_county_and_puts_share_and_target_on_hover()
    {
        var cut = Render<SummaryTableView>(parameters => parameters.Add(p => p.Table, Table()).Add(p => p.Compact, true));

        Assert.Equal(["数值", "增长%", "排名"], cut.FindAll("thead tr:nth-child(2) th").Take(3).Select(th => th.TextContent.Trim()));
        Assert.Equal(9, cut.FindAll("thead tr:nth-child(2) th").Count);
        Assert.Empty(cut.FindAll("td[data-cell='share']"));
        Assert.Equal("3", cut.Find($"th.county-name[data-county='{Xinyuan}']").GetAttribute("colspan"));
        var title = cut.Find($"td[data-county='{Xinyuan}'][data-cell='value']").GetAttribute("title");
        Assert.Contains("占比% 27.73", title);
        Assert.Contains("目标 已完成", title);
        // The marks become the value's colour, named in the tooltip and the legend.
        var xinyuan = cut.Find($"td[data-county='{Xinyuan}'][data-cell='value']");
        Assert.Contains("value-flagged", xinyuan.ClassName);
        Assert.Contains("value-late", xinyuan.ClassName);
        Assert.Empty(xinyuan.QuerySelectorAll(".mark"));
        Assert.Contains("待核、迟报", title);
        Assert.Contains("待核", cut.Find("#compact-legend").TextContent);
        Assert.Equal("滞后", cut.Find("tr[data-indicator='GDP'] td[data-cell='target'] .progress-badge").TextContent.Trim());
    }

    [Fact]
    public void Notes_carry_their_full_text_on_hover()
    {
        var cut = RenderTable(Table());

        var notes = cut.Find("tr[data-indicator='GDP'] td[data-cell='notes']");
        Assert.Equal(notes.TextContent.Trim(), notes.GetAttribute("title"));
    }

    [Fact]
    public void English_page_writes_units_in_english()
    {
        var cut = RenderTable(Table(text: UiText.English));

        Assert.Equal("100 million yuan", cut.FindAll("tr[data-indicator='GDP'] td")[1].TextContent.Trim());
    }
}
