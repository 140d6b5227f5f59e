using IndicatorExchange.Contracts.Common.V1;

namespace IndicatorExchange.Client.Tests;

public sealed class FiguresBuilderTests
{
    [Theory]
    [InlineData("1920", "1920")]
    [InlineData("0.1920", "0.192")]
    [InlineData("-10.40", "-10.4")]
    [InlineData("348.2", "348.2")]
    [InlineData("100.000", "100")]
    [InlineData("0.0000000000000000000000000001", "0.0000000000000000000000000001")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void Values_become_exact_canonical_text(string value, string expected)
    {
        var figure = Figures.Figure("GDP", decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), "亿元");

        Assert.Equal(expected, figure.Quantity.Value.Value);
        Assert.Equal(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), Figures.Parse(figure.Quantity.Value));
    }

    [Fact]
    public void A_figure_carries_unit_growth_status_and_note_and_leaves_growth_unset_when_not_reported()
    {
        var reported = Figures.Figure("FOREIGN_TRADE", 1920m, "万美元", yoyGrowthPct: -3.50m, status: FigureStatus.Final, note: "核定");
        var bare = Figures.Figure("GDP", 1m, "亿元");

        Assert.Equal(("FOREIGN_TRADE", "万美元", "-3.5", FigureStatus.Final, "核定"),
            (reported.Indicator, reported.Quantity.Unit, reported.YoyGrowthPct.Value, reported.Status, reported.Note));
        Assert.Null(bare.YoyGrowthPct);
        Assert.Equal(FigureStatus.Reported, bare.Status);
    }

    [Fact]
    public void A_batch_names_org_unit_and_period_and_keeps_the_figures_in_order()
    {
        var batch = Figures.Batch("654025", "2023Q3", Figures.Figure("GDP", 1m, "亿元"), Figures.Figure("FOREIGN_TRADE", 2m, "亿美元"));

        Assert.Equal(("654025", "2023Q3", ""), (batch.OrgUnit, batch.Period, batch.RequestId));
        Assert.Equal(["GDP", "FOREIGN_TRADE"], batch.Figures.Select(f => f.Indicator));
    }
}
