using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Csv;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Rollup;
using IndicatorExchange.Domain.Units;

namespace IndicatorExchange.Domain.Tests.Rollup;

/// <summary>
/// The whole chain on the real files: parse the 2022 seed figures, normalise their units, roll them up
/// over Ili's counties and compare with the independently computed expected-2022-prefecture.csv.
/// </summary>
public class SeedRollupTests
{
    private const string Prefecture = "654000";

    private static readonly CsvTable Seeds = CsvTable.Parse(File.ReadAllText(TestData.File("seed-figures-2022.csv")));

    public static TheoryData<string> ReferenceIndicators()
    {
        var data = new TheoryData<string>();
        foreach (var row in CsvTable.Parse(File.ReadAllText(TestData.File("expected-2022-prefecture.csv"))).Rows)
        {
            data.Add(row["indicator_name_zh"]);
        }
        return data;
    }

    private static decimal Number(string text)
    {
        Assert.True(DecimalText.TryParse(text, out var value), $"'{text}' should be a decimal");
        return value;
    }

    private static UnitDefinition Unit(string symbol)
    {
        Assert.True(UnitTable.TryGet(symbol, out var unit), $"unit '{symbol}' should be known");
        return unit;
    }

    [Theory]
    [MemberData(nameof(ReferenceIndicators))]
    public void Rolling_up_the_seed_figures_reproduces_the_reference_prefecture_figure(string indicator)
    {
        var expected = CsvTable.Parse(File.ReadAllText(TestData.File("expected-2022-prefecture.csv"))).Rows
            .Single(r => r["indicator_name_zh"] == indicator);
        var counties = new OrgUnitTree(CsvTable.Parse(File.ReadAllText(TestData.File("org-units-ili.csv"))).Rows
                .Select(r => new OrgUnitDefinition(r["code"], r["name_zh"], r["name_en"],
                    Enum.Parse<OrgUnitLevel>(r["level"], ignoreCase: true), r.Optional("parent_code"))))
            .ChildrenOf(expected["parent_code"]);
        Assert.Equal(Prefecture, expected["parent_code"]);
        var unit = Unit(expected["unit"]);

        var children = Seeds.Rows
            .Where(r => r["indicator_name_zh"] == indicator && r["period"] == expected["period"])
            .Select(r =>
            {
                Assert.True(UnitTable.TryConvert(Number(r["value"]), Unit(r["unit"]), unit, out var value));
                var growth = r.Optional("yoy_growth_pct");
                return new ChildInput(r["org_code"], value, growth is null ? null : Number(growth));
            })
            .ToList();
        // Per-capita values are population-weighted means (domain.md §4); the seeds carry no population.
        var rule = indicator.Contains("人均", StringComparison.Ordinal) ? AggregationRule.WeightedMean : AggregationRule.Sum;

        var result = RollupCalculator.Compute(rule, hasWeightIndicator: rule == AggregationRule.WeightedMean, children);

        Assert.Equal(int.Parse(expected["reported"], System.Globalization.CultureInfo.InvariantCulture), result.Children.Count);
        var missing = counties.Count(c => result.Children.All(child => child.OrgUnit != c.Code));
        Assert.Equal(int.Parse(expected["missing"], System.Globalization.CultureInfo.InvariantCulture), missing);

        var total = expected.Optional("total");
        if (total is null)
        {
            Assert.Null(result.Total);
            Assert.Equal(TotalMethod.WeightMissing, result.Method);
        }
        else
        {
            Assert.Equal(Number(total), result.Total);
        }

        var growthPct = expected.Optional("growth_pct");
        if (growthPct is null)
        {
            Assert.Null(result.GrowthPct);
            Assert.Equal(GrowthBasis.Unavailable, result.GrowthBasis);
        }
        else
        {
            Assert.Equal(Number(growthPct), Math.Round(Assert.NotNull(result.GrowthPct), 2));
        }
    }

    [Fact]
    public void The_reference_file_covers_twelve_indicators()
    {
        Assert.Equal(12, ReferenceIndicators().Count);
    }
}
