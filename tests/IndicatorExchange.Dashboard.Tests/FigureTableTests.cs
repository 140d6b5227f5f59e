using Bunit;
using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Dashboard.Components.Widgets;
using IndicatorExchange.Dashboard.Model;
using static IndicatorExchange.Dashboard.Tests.FakeSummaries;
using SummaryRow = IndicatorExchange.Contracts.Aggregation.V1.SummaryRow;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>A county's own figures (the drill-down and the county's page).</summary>
public sealed class FigureTableTests : BunitContext
{
    private static Figure Figure(string indicator, string value, string unit) => new()
    {
        OrgUnit = Xinyuan, Period = "2022", Indicator = indicator, Revision = 1, Status = FigureStatus.Reported,
        Value = new Quantity { Value = D(value), Unit = unit },
        ReceivedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2023, 1, 20, 2, 30, 0, TimeSpan.Zero)),
    };

    /// <summary>The demo catalog's positions of three indicators (GDP 1st, foreign trade 10th, tourists 31st).</summary>
    private static readonly IReadOnlyList<Indicator> ReportCatalog =
    [
        new() { Code = "TOURIST_VISITS", ReportOrder = 31 }, new() { Code = "FOREIGN_TRADE", ReportOrder = 10 }, new() { Code = "GDP", ReportOrder = 1 },
    ];

    private IRenderedComponent<FigureTable> RenderFigures(IReadOnlyList<Figure> figures, UiText? text = null, IReadOnlyList<Indicator>? catalog = null) =>
        Render<FigureTable>(p => p.Add(c => c.Figures, figures).Add(c => c.Text, text ?? UiText.Chinese)
            .Add(c => c.Order, RowOrder.Of(catalog ?? ReportCatalog))
            .Add(c => c.Progress, Table().Rows.ToDictionary(r => r.Indicator, r => r.Counties.First(c => c.County.Code == Xinyuan).Progress)));

    [Fact]
    public void Figures_follow_the_report_order_gdp_first_not_the_code_order()
    {
        // By code, FOREIGN_TRADE comes before GDP; the report puts GDP first.
        var cut = RenderFigures([Figure("TOURIST_VISITS", "300", "万人次"), Figure("FOREIGN_TRADE", "0.192", "亿美元"), Figure("GDP", "133.61", "亿元")]);

        Assert.Equal(["GDP", "FOREIGN_TRADE", "TOURIST_VISITS"], cut.FindAll("tbody tr").Select(tr => tr.GetAttribute("data-indicator")));
    }

    [Fact]
    public void Figures_follow_the_catalogs_report_order_whatever_it_is()
    {
        Indicator[] tourismFirst = [new() { Code = "TOURIST_VISITS", ReportOrder = 1 }, new() { Code = "GDP", ReportOrder = 2 }, new() { Code = "FOREIGN_TRADE", ReportOrder = 3 }];

        var cut = RenderFigures([Figure("GDP", "133.61", "亿元"), Figure("FOREIGN_TRADE", "0.192", "亿美元"), Figure("TOURIST_VISITS", "300", "万人次")], catalog: tourismFirst);

        Assert.Equal(["TOURIST_VISITS", "GDP", "FOREIGN_TRADE"], cut.FindAll("tbody tr").Select(tr => tr.GetAttribute("data-indicator")));
    }

    [Fact]
    public void Summary_rows_follow_the_catalogs_report_order_unless_the_options_name_the_rows()
    {
        var summary = Summary(Gdp(), new SummaryRow { Indicator = "TOURIST_VISITS", NameZh = "接待游客人次", Unit = "万人次" });
        Indicator[] tourismFirst = [new() { Code = "TOURIST_VISITS", ReportOrder = 1 }, new() { Code = "GDP", ReportOrder = 2 }];

        var byCatalog = SummaryTable.Build(summary, new SummaryTable.Context { Text = UiText.Chinese, Catalog = tourismFirst });
        var byOptions = SummaryTable.Build(summary, new SummaryTable.Context { Text = UiText.Chinese, Catalog = tourismFirst, RowOrder = ["GDP", "TOURIST_VISITS"] });

        Assert.Equal(["TOURIST_VISITS", "GDP"], byCatalog.Rows.Select(r => r.Indicator));
        Assert.Equal(["GDP", "TOURIST_VISITS"], byOptions.Rows.Select(r => r.Indicator));
    }

    [Fact]
    public void Received_time_is_beijing_time_and_labelled()
    {
        var cut = RenderFigures([Figure("GDP", "133.61", "亿元")]);

        Assert.Equal("2023-01-20 10:30", cut.Find("tr[data-indicator='GDP'] td[data-cell='received']").TextContent.Trim());
        Assert.Contains("收到时间 (北京时间)", cut.Find("thead").TextContent);
    }

    [Fact]
    public void Each_figure_shows_its_target_progress()
    {
        var cut = RenderFigures([Figure("GDP", "133.61", "亿元")]);

        Assert.Contains("progress-achieved", cut.Find("tr[data-indicator='GDP'] td[data-cell='target'] .progress-badge").ClassName);
    }

    [Fact]
    public void Quality_warnings_show_in_chinese_without_rule_syntax()
    {
        var figure = Figure("GDP", "60", "亿元");
        figure.Warnings.Add(new QualityWarning
        {
            Rule = "CUMULATIVE_DECREASED",
            Message = "累计值低于本年上一期的累计值（left 60 < right 70）/ A year-to-date value lower than the previous period's of the same year (value >= previous_value: left 60 < right 70)",
        });

        var cut = RenderFigures([figure]);

        var warnings = cut.Find("tr[data-indicator='GDP'] td[data-cell='warnings']").TextContent;
        Assert.Contains("累计值低于本年上一期的累计值（60 < 70）", warnings);
        Assert.DoesNotContain("previous_value", warnings);
    }
}
