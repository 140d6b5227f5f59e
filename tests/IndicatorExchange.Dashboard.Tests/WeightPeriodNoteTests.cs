using Bunit;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Dashboard.Components.Widgets;
using IndicatorExchange.Dashboard.Model;
using static IndicatorExchange.Dashboard.Tests.FakeSummaries;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>
/// The notes column says which periods' population weighted a per-capita mean when a county's weight of the row's own
/// period was missing and a year-end weight was used (SummaryRow.weight_periods, ChildFigure.weight_periods).
/// </summary>
public sealed class WeightPeriodNoteTests : BunitContext
{
    /// <summary>Urban income for 2023Q2: Yining weighted by its Q2 population, Xinyuan by its 2022 year-end one.</summary>
    private static SummaryRow Income(params string[] xinyuanWeights)
    {
        var row = new SummaryRow
        {
            Indicator = "URBAN_DISPOSABLE_INCOME_PER_CAPITA", NameZh = "城镇居民人均可支配收入", NameEn = "Urban disposable income per capita",
            Unit = "元", Total = D("21000"), TotalMethod = TotalMethod.WeightedMean, ExpectedCount = 2, ReportedCount = 2,
            Children =
            {
                new ChildFigure { OrgUnit = Yining, NameZh = "伊宁市", Value = D("22000"), WeightPeriods = { "2023Q2" } },
                new ChildFigure { OrgUnit = Xinyuan, NameZh = "新源县", Value = D("19000"), WeightPeriods = { xinyuanWeights } },
            },
        };
        row.WeightPeriods.AddRange(xinyuanWeights.Prepend("2023Q2").Distinct());
        return row;
    }

    private static Summary Quarter(SummaryRow row)
    {
        var summary = new Summary { OrgUnit = "654000", Period = "2023Q2", AsOfSequence = 7 };
        summary.Rows.Add(row);
        return summary;
    }

    private string Notes(SummaryRow row, UiText text) =>
        Render<SummaryTableView>(p => p.Add(c => c.Table, Table(Quarter(row), text)))
            .Find("tr[data-indicator='URBAN_DISPOSABLE_INCOME_PER_CAPITA'] td[data-cell='notes']").TextContent.Trim();

    [Fact]
    public void A_fallback_weight_period_is_named_with_the_counties_weighted_by_it()
    {
        Assert.Equal("权重: 2023Q2, 2022 (新源县 2022)", Notes(Income("2022"), UiText.Chinese));
        Assert.Equal("weights: 2023Q2, 2022 (Xinyuan 2022)", Notes(Income("2022"), UiText.English));
    }

    [Fact]
    public void Weights_of_the_rows_own_period_need_no_note()
    {
        Assert.Equal("", Notes(Income("2023Q2"), UiText.Chinese));
    }
}
