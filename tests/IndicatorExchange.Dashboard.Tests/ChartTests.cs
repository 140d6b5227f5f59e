using Bunit;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Dashboard.Components.Widgets;
using IndicatorExchange.Dashboard.Model;
using MudBlazor.Services;
using static IndicatorExchange.Dashboard.Tests.FakeSummaries;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>The charts: shares titled as shares, pulls and contribution rates with their values, a trend with labelled points.</summary>
public sealed class ChartTests : BunitContext
{
    public ChartTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private static ListSeriesResponse Series(params (string Period, string? Value)[] points)
    {
        var series = new ListSeriesResponse { Unit = "亿元" };
        series.Points.AddRange(points.Select(p => new SeriesPoint { Period = p.Period, Value = p.Value is null ? null : D(p.Value) }));
        return series;
    }

    [Fact]
    public void Contribution_chart_is_titled_share_and_shows_each_countys_pull_and_contribution_rate()
    {
        var cut = Render<ContributionChart>(p => p.Add(c => c.Row, Table().Rows[0]).Add(c => c.Text, UiText.Chinese));

        Assert.Contains("各县（市）占比", cut.Markup);
        Assert.DoesNotContain("对合计的贡献", cut.Markup);
        Assert.Equal("0.44", cut.Find($"#chart-pulls tr[data-county='{Yining}'] [data-cell='pull']").TextContent.Trim());
        Assert.Equal("34.80", cut.Find($"#chart-pulls tr[data-county='{Yining}'] [data-cell='contribution']").TextContent.Trim());
        Assert.Equal("0.82", cut.Find($"#chart-pulls tr[data-county='{Xinyuan}'] [data-cell='pull']").TextContent.Trim());
        Assert.Equal("65.20", cut.Find($"#chart-pulls tr[data-county='{Xinyuan}'] [data-cell='contribution']").TextContent.Trim());
        // The larger pull has the longer bar.
        Assert.Contains("width: 8rem", cut.Find($"#chart-pulls tr[data-county='{Xinyuan}'] .pull-bar").GetAttribute("style"));
    }

    [Fact]
    public void Trend_with_one_period_draws_one_labelled_point_on_an_axis_from_zero()
    {
        var cut = Render<TrendChart>(p => p.Add(c => c.Series, Series(("2022", "481.81"))).Add(c => c.Name, "地区生产总值")
            .Add(c => c.Text, UiText.Chinese).Add(c => c.Precision, 2));

        Assert.Single(cut.FindAll("circle.trend-point"));
        Assert.Equal("481.81", cut.Find("text.trend-label").TextContent.Trim());
        var ticks = cut.FindAll("text.trend-tick").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal("0", ticks[0]);
        Assert.Equal("600", ticks[^1]);
        Assert.Equal("2022", cut.Find("text.trend-period").TextContent.Trim());
    }

    [Fact]
    public void Trend_leaves_a_gap_for_a_period_without_value_and_joins_neighbours()
    {
        var cut = Render<TrendChart>(p => p.Add(c => c.Series, Series(("2019", "400"), ("2020", "420"), ("2021", null), ("2022", "481.81")))
            .Add(c => c.Name, "地区生产总值").Add(c => c.Text, UiText.Chinese).Add(c => c.Precision, 2));

        Assert.Equal(3, cut.FindAll("circle.trend-point").Count);
        Assert.Single(cut.FindAll("polyline.trend-line"));
        Assert.Equal(["400.00", "420.00", "481.81"], cut.FindAll("text.trend-label").Select(t => t.TextContent.Trim()));
    }

    [Fact]
    public void Trend_axis_of_values_far_from_zero_starts_near_them()
    {
        var plot = TrendPlot.Build(Series(("2021", "1010"), ("2022", "1030")), 0);

        // Not from zero: a rise from 1010 to 1030 would be a flat line on an axis from 0.
        Assert.Equal("1010", plot.Ticks[0].Label);
        Assert.Equal("1035", plot.Ticks[^1].Label);
        Assert.True(plot.Points[0].Y > plot.Points[1].Y, "the larger value is drawn higher");
    }

    [Fact]
    public void Trend_of_twelve_quarters_names_every_second_period_ending_with_the_last()
    {
        var quarters = Enumerable.Range(0, 12).Select(i => ($"{2021 + i / 4}Q{i % 4 + 1}", (string?)(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray();

        var plot = TrendPlot.Build(Series(quarters), 0);

        Assert.Equal(["2021Q2", "2021Q4", "2022Q2", "2022Q4", "2023Q2", "2023Q4"], plot.Periods.Select(p => p.Text));
        Assert.Equal(12, plot.Points.Count);
    }
}
