using IndicatorExchange.Cli.Output;
using IndicatorExchange.Contracts.Aggregation.V1;
using Spectre.Console;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Cli.Tests;

/// <summary>
/// ixc summary says which periods' population weighted a per-capita mean when it is not the row's own period
/// (SummaryRow.weight_periods, ChildFigure.weight_periods): a county without a 2023Q2 population weighted by its 2022 one.
/// </summary>
public sealed class WeightPeriodsTests
{
    private static Summary Quarter(params string[] xinyuanWeights)
    {
        var row = new SummaryRow
        {
            Indicator = "URBAN_DISPOSABLE_INCOME_PER_CAPITA", NameZh = "城镇居民人均可支配收入", Unit = "元",
            Total = new ProtoDecimal { Value = "21000" }, TotalMethod = TotalMethod.WeightedMean, ExpectedCount = 2, ReportedCount = 2,
            Children =
            {
                new ChildFigure { OrgUnit = "654002", NameZh = "伊宁市", Value = new ProtoDecimal { Value = "22000" }, WeightPeriods = { "2023Q2" } },
                new ChildFigure { OrgUnit = "654025", NameZh = "新源县", Value = new ProtoDecimal { Value = "19000" }, WeightPeriods = { xinyuanWeights } },
            },
        };
        row.WeightPeriods.AddRange(xinyuanWeights.Prepend("2023Q2").Distinct());
        var summary = new Summary { OrgUnit = "654000", Period = "2023Q2", AsOfSequence = 7 };
        summary.Rows.Add(row);
        return summary;
    }

    private static string Render(Summary summary)
    {
        var writer = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Out = new AnsiConsoleOutput(writer), Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 250;
        foreach (var renderable in SummaryTable.Render(summary, null, new Dictionary<string, string>(), children: true))
        {
            console.Write(renderable);
            console.WriteLine();
        }
        return writer.ToString();
    }

    [Fact]
    public void A_fallback_weight_period_is_noted_under_the_overview_and_beside_the_county_weighted_by_it()
    {
        var output = Render(Quarter("2022"));

        Assert.Contains("21000.00 †", output);
        Assert.Contains("† URBAN_DISPOSABLE_INCOME_PER_CAPITA 城镇居民人均可支配收入: 权重：2023Q2, 2022 / weights: 2023Q2, 2022", output);
        Assert.Contains("权重：2022 / weights: 2022", output);
    }

    [Fact]
    public void Weights_of_the_rows_own_period_need_no_note()
    {
        var output = Render(Quarter("2023Q2"));

        Assert.DoesNotContain("†", output);
        Assert.DoesNotContain("权重", output);
    }

    [Fact]
    public void The_note_is_bilingual_and_empty_without_weights()
    {
        Assert.Equal("权重：2023Q2, 2022 / weights: 2023Q2, 2022", Display.Weights(["2023Q2", "2022"], "2023Q2"));
        Assert.Equal("", Display.Weights([], "2023Q2"));
    }
}
