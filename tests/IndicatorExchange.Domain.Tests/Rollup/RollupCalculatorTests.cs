using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Rollup;
using IndicatorExchange.Domain.Units;

namespace IndicatorExchange.Domain.Tests.Rollup;

/// <summary>
/// Roll-ups of the real 2022 seed figures (domain.md §4–§5, expected-2022-prefecture.csv).
/// Expected values are written out by hand with the domain formulas, in exact decimals.
/// </summary>
public class RollupCalculatorTests
{
    private const string Yining = "654002";
    private const string Xinyuan = "654025";

    /// <summary>Computed ratios keep 10 places, so hand-computed values agree to well within this.</summary>
    private const decimal Tolerance = 0.000000001m;

    private static RollupResult Sum(params ChildInput[] children) =>
        RollupCalculator.Compute(AggregationRule.Sum, hasWeightIndicator: false, children);

    private static ChildResult Child(RollupResult result, string orgUnit) =>
        result.Children.Single(c => c.OrgUnit == orgUnit);

    private static void AssertClose(decimal expected, decimal? actual)
    {
        var value = Assert.NotNull(actual);
        Assert.True(Math.Abs(expected - value) <= Tolerance, $"expected {expected}, got {value}");
    }

    /// <summary>domain.md §5: G = Σ base_i × (1 + g_i) / Σ base_i − 1, in percent.</summary>
    private static decimal ExpectedGrowthPct(params (decimal Base, decimal GrowthPct)[] children) =>
        (children.Sum(c => c.Base * (1m + c.GrowthPct / 100m)) / children.Sum(c => c.Base) - 1m) * 100m;

    // ---- GDP: 348.2 亿元 +0.6% and 133.61 亿元 +3% -------------------------------------------

    private static RollupResult Gdp() => Sum(new ChildInput(Xinyuan, 133.61m, 3m), new ChildInput(Yining, 348.2m, 0.6m));

    [Fact]
    public void Gdp_of_Yining_and_Xinyuan_sums_to_481_81_exactly()
    {
        var result = Gdp();

        Assert.Equal(TotalMethod.Sum, result.Method);
        Assert.Equal(481.81m, result.Total);
    }

    [Fact]
    public void Gdp_growth_weights_each_county_by_its_base_and_rounds_to_1_25()
    {
        var result = Gdp();

        var growth = Assert.NotNull(result.GrowthPct);
        Assert.Equal(1.25m, Math.Round(growth, 2));
        AssertClose(ExpectedGrowthPct((348.2m / 1.006m, 0.6m), (133.61m / 1.03m, 3m)), growth);
        Assert.Equal(GrowthBasis.ReportedGrowth, result.GrowthBasis);
    }

    [Fact]
    public void Gdp_growth_is_not_the_plain_mean_of_the_county_rates()
    {
        var plainMean = (0.6m + 3m) / 2m;
        Assert.Equal(1.8m, plainMean);

        var growth = Assert.NotNull(Gdp().GrowthPct);
        Assert.NotEqual(plainMean, Math.Round(growth, 2));
        Assert.NotEqual(plainMean, Math.Round(growth, 1));
    }

    [Fact]
    public void Gdp_pull_is_0_44_points_for_Yining_and_0_82_for_Xinyuan()
    {
        var result = Gdp();
        var yiningBase = 348.2m / 1.006m;
        var xinyuanBase = 133.61m / 1.03m;
        var baseSum = yiningBase + xinyuanBase;

        var yining = Child(result, Yining);
        var xinyuan = Child(result, Xinyuan);
        // pull_i = (value_i − base_i) / Σ base × 100
        AssertClose((348.2m - yiningBase) / baseSum * 100m, yining.PullPoints);
        AssertClose((133.61m - xinyuanBase) / baseSum * 100m, xinyuan.PullPoints);
        Assert.Equal(0.44m, Math.Round(yining.PullPoints!.Value, 2));
        Assert.Equal(0.82m, Math.Round(xinyuan.PullPoints!.Value, 2));
    }

    [Fact]
    public void Gdp_pulls_add_up_to_the_growth()
    {
        var result = Gdp();

        AssertClose(result.GrowthPct!.Value, result.Children.Sum(c => c.PullPoints!.Value));
    }

    [Fact]
    public void Gdp_contributions_add_up_to_100_and_follow_the_increase()
    {
        var result = Gdp();
        var yiningIncrease = 348.2m - 348.2m / 1.006m;
        var xinyuanIncrease = 133.61m - 133.61m / 1.03m;

        // contribution_i = (value_i − base_i) / (Σ value − Σ base) × 100
        AssertClose(yiningIncrease / (yiningIncrease + xinyuanIncrease) * 100m, Child(result, Yining).ContributionPct);
        AssertClose(xinyuanIncrease / (yiningIncrease + xinyuanIncrease) * 100m, Child(result, Xinyuan).ContributionPct);
        AssertClose(100m, result.Children.Sum(c => c.ContributionPct!.Value));
    }

    [Fact]
    public void Gdp_shares_add_up_to_100()
    {
        var result = Gdp();

        AssertClose(348.2m / 481.81m * 100m, Child(result, Yining).SharePct);
        AssertClose(133.61m / 481.81m * 100m, Child(result, Xinyuan).SharePct);
        AssertClose(100m, result.Children.Sum(c => c.SharePct!.Value));
    }

    [Fact]
    public void Gdp_ranks_Yining_first_by_value_and_Xinyuan_first_by_growth()
    {
        var result = Gdp();
        var yining = Child(result, Yining);
        var xinyuan = Child(result, Xinyuan);

        Assert.Equal(1, yining.RankByValue);
        Assert.Equal(2, xinyuan.RankByValue);
        Assert.Equal(2, yining.RankByGrowth);
        Assert.Equal(1, xinyuan.RankByGrowth);
    }

    [Fact]
    public void Gdp_children_are_listed_highest_value_first_with_their_reported_growth()
    {
        var result = Gdp();

        Assert.Equal([Yining, Xinyuan], result.Children.Select(c => c.OrgUnit));
        Assert.Equal(348.2m, result.Children[0].Value);
        Assert.Equal(0.6m, result.Children[0].GrowthPct);
        Assert.Equal(3m, result.Children[1].GrowthPct);
        Assert.All(result.Children, c => Assert.Equal(GrowthBasis.ReportedGrowth, c.Basis));
    }

    // ---- other 2022 flows -------------------------------------------------------------------

    [Fact]
    public void Foreign_trade_of_7_4_yi_dollars_and_1920_wan_dollars_sums_to_7_592_and_grows_21_08()
    {
        Assert.True(UnitTable.TryGet("万美元", out var wanDollars));
        Assert.True(UnitTable.TryGet("亿美元", out var yiDollars));
        Assert.True(UnitTable.TryConvert(1920m, wanDollars, yiDollars, out var xinyuanTrade));

        var result = Sum(new ChildInput(Yining, 7.4m, 21m), new ChildInput(Xinyuan, xinyuanTrade, 24.19m));

        Assert.Equal(7.592m, result.Total);
        var growth = Assert.NotNull(result.GrowthPct);
        Assert.Equal(21.08m, Math.Round(growth, 2));
        AssertClose(ExpectedGrowthPct((7.4m / 1.21m, 21m), (0.192m / 1.2419m, 24.19m)), growth);
    }

    [Fact]
    public void Industry_value_added_with_a_negative_county_growth_sums_to_97_48_and_grows_13_61()
    {
        var result = Sum(new ChildInput(Yining, 71.3m, 26m), new ChildInput(Xinyuan, 26.18m, -10.4m));

        Assert.Equal(97.48m, result.Total);
        var growth = Assert.NotNull(result.GrowthPct);
        Assert.Equal(13.61m, Math.Round(growth, 2));
        AssertClose(ExpectedGrowthPct((71.3m / 1.26m, 26m), (26.18m / 0.896m, -10.4m)), growth);

        var xinyuan = Child(result, Xinyuan);
        Assert.True(xinyuan.PullPoints < 0m);
        Assert.True(xinyuan.ContributionPct < 0m);
        Assert.True(Child(result, Yining).ContributionPct > 100m);
        AssertClose(100m, result.Children.Sum(c => c.ContributionPct!.Value));
        AssertClose(growth, result.Children.Sum(c => c.PullPoints!.Value));
    }

    [Fact]
    public void Investment_attracted_sums_to_271_79_and_grows_32_54()
    {
        var result = Sum(new ChildInput(Yining, 181.1m, 36.1m), new ChildInput(Xinyuan, 90.69m, 25.96m));

        Assert.Equal(271.79m, result.Total);
        var growth = Assert.NotNull(result.GrowthPct);
        Assert.Equal(32.54m, Math.Round(growth, 2));
        AssertClose(ExpectedGrowthPct((181.1m / 1.361m, 36.1m), (90.69m / 1.2596m, 25.96m)), growth);
    }

    [Fact]
    public void Revenue_without_Yining_growth_sums_to_31_36_with_no_growth()
    {
        var result = Sum(new ChildInput(Yining, 24.3m), new ChildInput(Xinyuan, 7.06m, -5m));

        Assert.Equal(TotalMethod.Sum, result.Method);
        Assert.Equal(31.36m, result.Total);
        Assert.Null(result.GrowthPct);
        Assert.Equal(GrowthBasis.Unavailable, result.GrowthBasis);

        var yining = Child(result, Yining);
        var xinyuan = Child(result, Xinyuan);
        Assert.Null(yining.GrowthPct);
        Assert.Equal(GrowthBasis.Unavailable, yining.Basis);
        Assert.Equal(0, yining.RankByGrowth);
        Assert.Equal(-5m, xinyuan.GrowthPct);
        Assert.Equal(GrowthBasis.ReportedGrowth, xinyuan.Basis);
        Assert.Equal(1, xinyuan.RankByGrowth);
        Assert.All(result.Children, c => Assert.Null(c.PullPoints));
        Assert.All(result.Children, c => Assert.Null(c.ContributionPct));
        AssertClose(24.3m / 31.36m * 100m, yining.SharePct);
    }

    // ---- prior-year bases ---------------------------------------------------------------------

    [Fact]
    public void A_prior_year_value_is_the_base_and_gives_the_growth_when_none_is_reported()
    {
        // Xinyuan's livestock: 163.9 万头 after a net increase of 19.2 万, so 144.7 万 a year earlier.
        var result = Sum(new ChildInput(Xinyuan, 163.9m, PriorYearValue: 144.7m));

        var expected = (163.9m - 144.7m) / 144.7m * 100m;
        var child = Assert.Single(result.Children);
        Assert.Equal(GrowthBasis.PriorYearValue, child.Basis);
        AssertClose(expected, child.GrowthPct);
        Assert.Equal(13.27m, Math.Round(child.GrowthPct!.Value, 2));
        Assert.Equal(GrowthBasis.PriorYearValue, result.GrowthBasis);
        AssertClose(expected, result.GrowthPct);
    }

    [Fact]
    public void A_reported_growth_is_kept_when_a_prior_year_value_is_also_given()
    {
        // Real growth (comparable prices) cannot be derived from nominal values: 8% stays 8%.
        var result = Sum(new ChildInput(Yining, 110m, 8m, PriorYearValue: 100m));

        var child = Assert.Single(result.Children);
        Assert.Equal(GrowthBasis.PriorYearValue, child.Basis);
        Assert.Equal(8m, child.GrowthPct);
        Assert.Equal(8m, result.GrowthPct);
    }

    [Fact]
    public void Mixing_a_prior_year_base_and_a_reported_growth_base_gives_a_mixed_basis()
    {
        // A: 110 against a prior-year 100 (+10%); B: 105 at +5%, so its base is 105 / 1.05 = 100.
        var result = Sum(new ChildInput("A", 110m, PriorYearValue: 100m), new ChildInput("B", 105m, 5m));

        Assert.Equal(GrowthBasis.Mixed, result.GrowthBasis);
        Assert.Equal(GrowthBasis.PriorYearValue, Child(result, "A").Basis);
        Assert.Equal(GrowthBasis.ReportedGrowth, Child(result, "B").Basis);
        Assert.Equal(215m, result.Total);
        // (110 + 105) / (100 + 100) − 1 = 7.5%
        Assert.Equal(7.5m, result.GrowthPct);
        Assert.Equal(10m, Child(result, "A").GrowthPct);
        Assert.Equal(5m, Child(result, "A").PullPoints);
        Assert.Equal(2.5m, Child(result, "B").PullPoints);
    }

    [Fact]
    public void A_mixed_basis_weights_a_reported_growth_by_the_prior_year_value()
    {
        var result = Sum(new ChildInput("A", 110m, 8m, PriorYearValue: 100m), new ChildInput("B", 50m, 25m));

        Assert.Equal(GrowthBasis.Mixed, result.GrowthBasis);
        // Bases 100 and 50 / 1.25 = 40: (100 × 1.08 + 40 × 1.25) / 140 − 1
        AssertClose((100m * 1.08m + 40m * 1.25m) / 140m * 100m - 100m, result.GrowthPct);
        AssertClose(result.GrowthPct!.Value, result.Children.Sum(c => c.PullPoints!.Value));
    }

    [Fact]
    public void A_prior_year_value_of_zero_falls_back_to_the_reported_growth()
    {
        var result = Sum(new ChildInput("A", 105m, 5m, PriorYearValue: 0m));

        Assert.Equal(GrowthBasis.ReportedGrowth, result.GrowthBasis);
        Assert.Equal(5m, result.GrowthPct);
    }

    [Fact]
    public void A_prior_year_value_of_zero_without_growth_leaves_growth_unavailable()
    {
        var result = Sum(new ChildInput("A", 105m, PriorYearValue: 0m));

        Assert.Null(result.GrowthPct);
        Assert.Equal(GrowthBasis.Unavailable, result.GrowthBasis);
        Assert.Equal(105m, result.Total);
    }

    [Fact]
    public void A_growth_of_minus_100_percent_does_not_divide_by_zero()
    {
        var result = Sum(new ChildInput("A", 0m, -100m), new ChildInput("B", 10m, 0m));

        Assert.Equal(10m, result.Total);
        Assert.Null(result.GrowthPct);
        Assert.Equal(GrowthBasis.Unavailable, result.GrowthBasis);
        Assert.Equal(GrowthBasis.Unavailable, Child(result, "A").Basis);

        var alone = Sum(new ChildInput("A", 0m, -100m));
        Assert.Equal(0m, alone.Total);
        Assert.Null(alone.GrowthPct);
        Assert.Null(Assert.Single(alone.Children).SharePct);
    }

    [Fact]
    public void Growth_base_of_minus_100_percent_is_unavailable()
    {
        var growthBase = GrowthBase.Of(new ChildInput("A", 0m, -100m));

        Assert.Equal(GrowthBasis.Unavailable, growthBase.Basis);
        Assert.Null(growthBase.Base);
        Assert.Null(growthBase.GrowthPct);
        Assert.Null(growthBase.Increase);
    }

    [Fact]
    public void Growth_base_derived_from_reported_growth_is_value_over_one_plus_g()
    {
        var growthBase = GrowthBase.Of(new ChildInput(Xinyuan, 133.61m, 3m));

        Assert.Equal(GrowthBasis.ReportedGrowth, growthBase.Basis);
        Assert.Equal(133.61m / 1.03m, growthBase.Base);
        AssertClose(133.61m - 133.61m / 1.03m, growthBase.Increase);
    }

    // ---- weighted means -----------------------------------------------------------------------

    private static readonly ChildInput[] UrbanIncome =
    [
        new(Yining, 38985m, 4m, Weight: 30m),
        new(Xinyuan, 36835m, 8.5m, Weight: 20m),
    ];

    [Fact]
    public void A_weighted_mean_without_a_weight_indicator_has_no_total_and_is_never_a_plain_mean()
    {
        var result = RollupCalculator.Compute(AggregationRule.WeightedMean, hasWeightIndicator: false, UrbanIncome);

        Assert.Equal(TotalMethod.WeightMissing, result.Method);
        Assert.Null(result.Total);
        Assert.Null(result.GrowthPct);
        Assert.Equal(GrowthBasis.Unavailable, result.GrowthBasis);
        Assert.Equal(2, result.Children.Count);
        Assert.Equal(38985m, Child(result, Yining).Value);
    }

    [Fact]
    public void A_weighted_mean_with_a_missing_weight_has_no_total()
    {
        ChildInput[] children = [UrbanIncome[0], UrbanIncome[1] with { Weight = null }];

        var result = RollupCalculator.Compute(AggregationRule.WeightedMean, hasWeightIndicator: true, children);

        Assert.Equal(TotalMethod.WeightMissing, result.Method);
        Assert.Null(result.Total);
        Assert.Null(result.GrowthPct);
    }

    [Theory]
    [InlineData(AggregationRule.WeightedMean, true, TotalMethod.WeightMissing)]
    [InlineData(AggregationRule.WeightedMean, false, TotalMethod.WeightMissing)]
    [InlineData(AggregationRule.Rate, true, TotalMethod.WeightMissing)]
    [InlineData(AggregationRule.Rate, false, TotalMethod.NotAggregated)]
    [InlineData(AggregationRule.None, false, TotalMethod.NotAggregated)]
    public void Children_that_reported_without_a_value_of_their_own_say_why_there_is_no_total(AggregationRule rule, bool hasWeightIndicator,
        TotalMethod expected)
    {
        var result = RollupCalculator.Compute(rule, hasWeightIndicator, [], unaggregated: 1);

        Assert.Equal(expected, result.Method);
        Assert.Null(result.Total);
    }

    [Fact]
    public void A_weighted_mean_beside_a_child_without_a_value_of_its_own_has_no_total()
    {
        var result = RollupCalculator.Compute(AggregationRule.WeightedMean, hasWeightIndicator: true, UrbanIncome, unaggregated: 1);

        Assert.Equal(TotalMethod.WeightMissing, result.Method);
        Assert.Null(result.Total);
        Assert.Equal(2, result.Children.Count);
    }

    [Fact]
    public void A_weighted_mean_with_a_zero_weight_has_no_total()
    {
        ChildInput[] children = [UrbanIncome[0], UrbanIncome[1] with { Weight = 0m }];

        var result = RollupCalculator.Compute(AggregationRule.WeightedMean, hasWeightIndicator: true, children);

        Assert.Equal(TotalMethod.WeightMissing, result.Method);
        Assert.Null(result.Total);
    }

    [Fact]
    public void A_weighted_mean_of_urban_incomes_weighted_30_and_20_is_38125()
    {
        var result = RollupCalculator.Compute(AggregationRule.WeightedMean, hasWeightIndicator: true, UrbanIncome);

        var expected = (38985m * 30m + 36835m * 20m) / 50m;
        Assert.Equal(38125m, expected);
        Assert.Equal(TotalMethod.WeightedMean, result.Method);
        Assert.Equal(expected, result.Total);
        Assert.NotEqual((38985m + 36835m) / 2m, result.Total);
    }

    [Fact]
    public void A_weighted_mean_grows_against_the_weighted_prior_year_mean()
    {
        var result = RollupCalculator.Compute(AggregationRule.WeightedMean, hasWeightIndicator: true, UrbanIncome);

        var mean = (38985m * 30m + 36835m * 20m) / 50m;
        var priorMean = (38985m / 1.04m * 30m + 36835m / 1.085m * 20m) / 50m;
        Assert.Equal(GrowthBasis.ReportedGrowth, result.GrowthBasis);
        AssertClose((mean / priorMean - 1m) * 100m, result.GrowthPct);
        Assert.All(result.Children, c => Assert.Null(c.SharePct));
    }

    [Fact]
    public void A_rate_with_its_denominator_is_weighted_by_it()
    {
        ChildInput[] children = [new("A", 5.5m, Weight: 12m), new("B", 4m, Weight: 8m)];

        var result = RollupCalculator.Compute(AggregationRule.Rate, hasWeightIndicator: true, children);

        Assert.Equal(TotalMethod.WeightedMean, result.Method);
        Assert.Equal((5.5m * 12m + 4m * 8m) / 20m, result.Total);
        Assert.Equal(4.9m, result.Total);
    }

    [Fact]
    public void A_rate_without_a_weight_indicator_is_not_aggregated()
    {
        ChildInput[] children = [new(Xinyuan, 5.5m), new(Yining, 4m)];

        var result = RollupCalculator.Compute(AggregationRule.Rate, hasWeightIndicator: false, children);

        Assert.Equal(TotalMethod.NotAggregated, result.Method);
        Assert.Null(result.Total);
        Assert.Null(result.GrowthPct);
        Assert.Equal(2, result.Children.Count);
        Assert.Equal(1, Child(result, Xinyuan).RankByValue);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void An_indicator_with_no_aggregation_rule_is_not_aggregated(bool hasWeightIndicator)
    {
        ChildInput[] children = [new(Xinyuan, 15.2m, Weight: 1m), new(Yining, 99.7m, Weight: 1m)];

        var result = RollupCalculator.Compute(AggregationRule.None, hasWeightIndicator, children);

        Assert.Equal(TotalMethod.NotAggregated, result.Method);
        Assert.Null(result.Total);
        Assert.Null(result.GrowthPct);
    }

    [Theory]
    [InlineData(AggregationRule.Sum, false)]
    [InlineData(AggregationRule.WeightedMean, true)]
    [InlineData(AggregationRule.WeightedMean, false)]
    [InlineData(AggregationRule.Rate, true)]
    [InlineData(AggregationRule.Rate, false)]
    [InlineData(AggregationRule.None, false)]
    public void No_children_give_no_data(AggregationRule rule, bool hasWeightIndicator)
    {
        var result = RollupCalculator.Compute(rule, hasWeightIndicator, []);

        Assert.Equal(TotalMethod.NoData, result.Method);
        Assert.Null(result.Total);
        Assert.Null(result.GrowthPct);
        Assert.Equal(GrowthBasis.Unavailable, result.GrowthBasis);
        Assert.Empty(result.Children);
    }

    [Fact]
    public void A_sum_ignores_weights()
    {
        ChildInput[] children = [new(Yining, 1.1m, Weight: 30m), new(Xinyuan, 0.31m, Weight: 20m)];

        var result = RollupCalculator.Compute(AggregationRule.Sum, hasWeightIndicator: true, children);

        Assert.Equal(TotalMethod.Sum, result.Method);
        Assert.Equal(1.41m, result.Total);
    }
}

/// <summary>A node's value for its parent is computed without the children's shares and ranks, and must not differ.</summary>
public class RollupTotalsOnlyTests
{
    public static TheoryData<AggregationRule, bool> Rules => new()
    {
        { AggregationRule.Sum, false }, { AggregationRule.WeightedMean, true }, { AggregationRule.WeightedMean, false }, { AggregationRule.Rate, true },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Without_the_per_child_measures_the_total_growth_and_sums_are_those_of_the_full_roll_up(AggregationRule rule, bool hasWeight)
    {
        var random = new Random(20261202);
        for (var round = 0; round < 200; round++)
        {
            var children = Enumerable.Range(0, random.Next(1, 12)).Select(i => new ChildInput(
                $"65{i:0000}",
                random.Next(1, 10_000_000) / 1000m,
                random.Next(3) == 0 ? null : random.Next(-500, 1500) / 100m,
                random.Next(3) == 0 ? random.Next(1, 10_000_000) / 1000m : null,
                hasWeight ? random.Next(1, 100_000) : null)).ToList();

            var full = RollupCalculator.Compute(rule, hasWeight, children);
            var totalsOnly = RollupCalculator.Compute(rule, hasWeight, children, perChild: false);

            Assert.Equal((full.Total, full.Method, full.GrowthPct, full.GrowthBasis), (totalsOnly.Total, totalsOnly.Method, totalsOnly.GrowthPct, totalsOnly.GrowthBasis));
            Assert.Equal(full.Sums, totalsOnly.Sums);
            Assert.NotEmpty(full.Children);
            Assert.Empty(totalsOnly.Children);
        }
    }
}
