using IndicatorExchange.Domain.Validation;

namespace IndicatorExchange.Domain.Tests.Validation;

/// <summary>The default rules on the cases of the seed reports (domain.md §9).</summary>
public class DefaultRulesTests
{
    private static readonly IReadOnlyList<CompiledRule> Rules = CompiledRule.CompileAll(DefaultRules.All);

    /// <summary>The outcome of every default rule that applies to the figure, by rule code.</summary>
    private static Dictionary<string, RuleOutcome> Check(string indicator, DictionaryOperandSource source, string accumulation = "year_to_date") =>
        Rules.Where(r => r.AppliesTo(indicator, accumulation)).ToDictionary(r => r.Rule.Code, r => r.Evaluate(source));

    private static RuleOutcome Outcome(string code, string indicator, DictionaryOperandSource source, string accumulation = "year_to_date") =>
        Check(indicator, source, accumulation)[code];

    [Fact]
    public void Every_default_rule_compiles()
    {
        foreach (var rule in DefaultRules.All)
        {
            var compiled = CompiledRule.Compile(rule);
            Assert.NotEmpty(compiled.Operands);
            Assert.False(string.IsNullOrWhiteSpace(rule.MessageZh), rule.Code);
            Assert.False(string.IsNullOrWhiteSpace(rule.MessageEn), rule.Code);
        }
    }

    [Fact]
    public void No_default_rule_is_written_twice()
    {
        var keys = DefaultRules.All.Select(r => (r.Code, r.Indicator, r.Left, r.Right)).ToList();
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public void Default_rules_are_warnings_for_a_person_to_confirm()
    {
        Assert.All(DefaultRules.All, r => Assert.Equal(RuleSeverity.Warning, r.Severity));
    }

    [Fact]
    public void Default_rules_use_only_the_documented_operand_names()
    {
        string[] documented =
        [
            OperandNames.Value, OperandNames.Growth, OperandNames.PriorYearValue, OperandNames.PreviousValue,
            OperandNames.AnnualValue, OperandNames.Q4Value, OperandNames.MaxYoyChangePct,
            OperandNames.NextValue, OperandNames.ReplacedValue, OperandNames.MaxRevisionChangePct,
        ];
        Assert.All(Rules.SelectMany(r => r.Operands), o => Assert.Contains(o.Name, documented));
    }

    [Fact]
    public void Each_component_check_has_its_mirror_on_the_total()
    {
        var component = DefaultRules.All.Where(r => r.Code == "COMPONENT_EXCEEDS_TOTAL").ToList();
        Assert.Equal(4, component.Count);
        foreach (var rule in component)
        {
            var total = rule.Right["value(".Length..^1];
            Assert.Contains(DefaultRules.All, r =>
                r.Code == "TOTAL_BELOW_COMPONENT" && r.Indicator == total && r.Right == $"value({rule.Indicator})");
        }
        Assert.Equal(4, DefaultRules.All.Count(r => r.Code == "TOTAL_BELOW_COMPONENT"));
    }

    [Fact]
    public void Yining_milk_output_from_0_8_to_2_6_is_a_year_on_year_change_too_large()
    {
        var source = DictionaryOperandSource.Of(("value", 2.6m), ("prior_year_value", 0.8m), ("max_yoy_change_pct", 50m));
        var violation = Assert.IsType<RuleOutcome.Violated>(Outcome("YOY_CHANGE_TOO_LARGE", "MILK_OUTPUT", source));
        Assert.Equal(225m, violation.Left);
        Assert.Equal("left 225 > right 50", violation.Describe());
    }

    [Fact]
    public void A_quarter_above_the_next_quarter_of_its_year_is_flagged_and_one_below_it_passes()
    {
        var above = DictionaryOperandSource.Of(("value", 50m), ("next_value", 40m));
        Assert.Equal("left 50 > right 40", Assert.IsType<RuleOutcome.Violated>(Outcome("CUMULATIVE_EXCEEDS_NEXT", "GDP", above)).Describe());
        Assert.IsType<RuleOutcome.Passed>(Outcome("CUMULATIVE_EXCEEDS_NEXT", "GDP", DictionaryOperandSource.Of(("value", 30m), ("next_value", 40m))));
        Assert.IsType<RuleOutcome.NotApplicable>(Outcome("CUMULATIVE_EXCEEDS_NEXT", "GDP", DictionaryOperandSource.Of(("value", 30m))));
    }

    [Fact]
    public void A_gdp_revised_up_by_27_percent_is_flagged_beyond_a_threshold_of_10_and_a_first_figure_is_not_checked()
    {
        var revised = DictionaryOperandSource.Of(("value", 127m), ("replaced_value", 100m), ("max_revision_change_pct", 10m));
        Assert.Equal(27m, Assert.IsType<RuleOutcome.Violated>(Outcome("REVISION_CHANGE_TOO_LARGE", "GDP", revised)).Left);
        var small = DictionaryOperandSource.Of(("value", 105m), ("replaced_value", 100m), ("max_revision_change_pct", 10m));
        Assert.IsType<RuleOutcome.Passed>(Outcome("REVISION_CHANGE_TOO_LARGE", "GDP", small));
        var first = DictionaryOperandSource.Of(("value", 127m), ("max_revision_change_pct", 10m));
        Assert.IsType<RuleOutcome.NotApplicable>(Outcome("REVISION_CHANGE_TOO_LARGE", "GDP", first));
    }

    [Fact]
    public void Yining_egg_output_from_2_5_to_0_8_is_a_year_on_year_change_too_large()
    {
        var source = DictionaryOperandSource.Of(("value", 0.8m), ("prior_year_value", 2.5m), ("max_yoy_change_pct", 50m));
        var violation = Assert.IsType<RuleOutcome.Violated>(Outcome("YOY_CHANGE_TOO_LARGE", "EGG_OUTPUT", source));
        Assert.Equal(68m, violation.Left);
    }

    [Fact]
    public void Yining_grain_output_from_12_6_to_13_passes()
    {
        var source = DictionaryOperandSource.Of(("value", 13m), ("prior_year_value", 12.6m), ("max_yoy_change_pct", 50m));
        Assert.IsType<RuleOutcome.Passed>(Outcome("YOY_CHANGE_TOO_LARGE", "GRAIN_OUTPUT", source));
    }

    [Fact]
    public void Without_a_catalog_threshold_the_year_on_year_check_is_not_applicable()
    {
        var source = DictionaryOperandSource.Of(("value", 2.6m), ("prior_year_value", 0.8m));
        Assert.IsType<RuleOutcome.NotApplicable>(Outcome("YOY_CHANGE_TOO_LARGE", "MILK_OUTPUT", source));
    }

    [Fact]
    public void Without_a_prior_year_figure_the_prior_year_rules_are_not_applicable()
    {
        var source = DictionaryOperandSource.Of(("value", 2.6m), ("growth", 3m), ("max_yoy_change_pct", 50m));
        var outcomes = Check("MILK_OUTPUT", source);
        Assert.IsType<RuleOutcome.NotApplicable>(outcomes["YOY_CHANGE_TOO_LARGE"]);
        Assert.IsType<RuleOutcome.NotApplicable>(outcomes["GROWTH_CONTRADICTS_PRIOR_YEAR"]);
    }

    [Fact]
    public void Xinyuan_retail_sales_above_size_within_the_total_pass()
    {
        var source = DictionaryOperandSource.Of(("value", 5.04m), ("value(RETAIL_SALES)", 101.4m));
        Assert.IsType<RuleOutcome.Passed>(Outcome("COMPONENT_EXCEEDS_TOTAL", "RETAIL_SALES_ABOVE_SIZE", source));
    }

    [Fact]
    public void Xinyuan_retail_sales_above_size_over_a_total_of_4_are_flagged()
    {
        var source = DictionaryOperandSource.Of(("value", 5.04m), ("value(RETAIL_SALES)", 4m));
        var violation = Assert.IsType<RuleOutcome.Violated>(Outcome("COMPONENT_EXCEEDS_TOTAL", "RETAIL_SALES_ABOVE_SIZE", source));
        Assert.Equal("left 5.04 > right 4", violation.Describe());
    }

    [Fact]
    public void A_total_of_4_sent_after_the_above_size_figure_is_flagged_on_the_total()
    {
        var source = DictionaryOperandSource.Of(("value", 4m), ("value(RETAIL_SALES_ABOVE_SIZE)", 5.04m));
        var violation = Assert.IsType<RuleOutcome.Violated>(Outcome("TOTAL_BELOW_COMPONENT", "RETAIL_SALES", source));
        Assert.Equal("left 4 < right 5.04", violation.Describe());
    }

    [Fact]
    public void A_component_check_without_the_other_figure_is_not_applicable()
    {
        var source = DictionaryOperandSource.Of(("value", 5.04m));
        Assert.IsType<RuleOutcome.NotApplicable>(Outcome("COMPONENT_EXCEEDS_TOTAL", "RETAIL_SALES_ABOVE_SIZE", source));
    }

    [Fact]
    public void Gross_industrial_output_is_checked_against_both_of_its_components()
    {
        var source = DictionaryOperandSource.Of(
            ("value", 10m), ("value(INDUSTRY_VALUE_ADDED_ABOVE_SIZE)", 4m), ("value(NEW_ENERGY_OUTPUT)", 12m));
        var outcomes = Rules
            .Where(r => r.AppliesTo("GROSS_INDUSTRIAL_OUTPUT", "year_to_date") && r.Rule.Code == "TOTAL_BELOW_COMPONENT")
            .ToDictionary(r => r.Right.Text, r => r.Evaluate(source));
        Assert.IsType<RuleOutcome.Passed>(outcomes["value(INDUSTRY_VALUE_ADDED_ABOVE_SIZE)"]);
        Assert.IsType<RuleOutcome.Violated>(outcomes["value(NEW_ENERGY_OUTPUT)"]);
    }

    [Fact]
    public void Grain_sown_area_above_the_crop_sown_area_is_flagged()
    {
        var source = DictionaryOperandSource.Of(("value", 80m), ("value(CROP_SOWN_AREA)", 76.29m));
        Assert.IsType<RuleOutcome.Violated>(Outcome("COMPONENT_EXCEEDS_TOTAL", "GRAIN_SOWN_AREA", source));
    }

    [Fact]
    public void Xinyuan_gdp_growth_of_3_percent_matching_its_prior_year_value_passes()
    {
        // 133.61 / 129.72 − 1 = 2.9987…%
        var source = DictionaryOperandSource.Of(("value", 133.61m), ("prior_year_value", 129.72m), ("growth", 3m));
        var passed = Assert.IsType<RuleOutcome.Passed>(Outcome("GROWTH_CONTRADICTS_PRIOR_YEAR", "GDP", source));
        Assert.Equal(2.9988m, Math.Round(passed.Right, 4));
    }

    [Fact]
    public void A_growth_of_3_percent_on_a_prior_year_value_of_100_contradicts_it()
    {
        var source = DictionaryOperandSource.Of(("value", 133.61m), ("prior_year_value", 100m), ("growth", 3m));
        var violation = Assert.IsType<RuleOutcome.Violated>(Outcome("GROWTH_CONTRADICTS_PRIOR_YEAR", "GDP", source));
        Assert.Equal("left 3 differs from right 33.61 by 30.61, more than the tolerance 3", violation.Describe());
    }

    [Fact]
    public void A_q3_year_to_date_value_lower_than_q2_is_a_cumulative_decrease()
    {
        var source = DictionaryOperandSource.Of(("value", 250m), ("previous_value", 260m));
        var violation = Assert.IsType<RuleOutcome.Violated>(Outcome("CUMULATIVE_DECREASED", "GDP", source));
        Assert.Equal("left 250 < right 260", violation.Describe());
    }

    [Fact]
    public void A_q3_year_to_date_value_above_q2_passes()
    {
        var source = DictionaryOperandSource.Of(("value", 270m), ("previous_value", 260m));
        Assert.IsType<RuleOutcome.Passed>(Outcome("CUMULATIVE_DECREASED", "GDP", source));
    }

    [Fact]
    public void A_q1_figure_has_no_previous_value_so_the_cumulative_check_is_not_applicable()
    {
        var source = DictionaryOperandSource.Of(("value", 80m));
        Assert.IsType<RuleOutcome.NotApplicable>(Outcome("CUMULATIVE_DECREASED", "GDP", source));
    }

    [Theory]
    [InlineData("stock")]
    [InlineData("period")]
    public void Year_to_date_checks_do_not_apply_to_stocks_or_period_values(string accumulation)
    {
        var codes = Check("LOANS_OUTSTANDING", new DictionaryOperandSource(), accumulation).Keys;
        Assert.DoesNotContain("CUMULATIVE_DECREASED", codes);
        Assert.DoesNotContain("Q4_DIFFERS_FROM_ANNUAL", codes);
        Assert.DoesNotContain("ANNUAL_DIFFERS_FROM_Q4", codes);
        Assert.Contains("YOY_CHANGE_TOO_LARGE", codes);
    }

    [Fact]
    public void A_q4_year_to_date_value_differing_from_the_annual_figure_is_flagged()
    {
        Assert.IsType<RuleOutcome.Violated>(
            Outcome("Q4_DIFFERS_FROM_ANNUAL", "GDP", DictionaryOperandSource.Of(("value", 133.6m), ("annual_value", 133.61m))));
        Assert.IsType<RuleOutcome.Passed>(
            Outcome("Q4_DIFFERS_FROM_ANNUAL", "GDP", DictionaryOperandSource.Of(("value", 133.61m), ("annual_value", 133.610m))));
    }

    [Fact]
    public void An_annual_value_differing_from_the_q4_figure_is_flagged()
    {
        Assert.IsType<RuleOutcome.Violated>(
            Outcome("ANNUAL_DIFFERS_FROM_Q4", "GDP", DictionaryOperandSource.Of(("value", 133.61m), ("q4_value", 133m))));
    }

    [Fact]
    public void A_figure_that_is_neither_q4_nor_annual_is_not_compared_with_either()
    {
        var outcomes = Check("GDP", DictionaryOperandSource.Of(("value", 100m)));
        Assert.IsType<RuleOutcome.NotApplicable>(outcomes["Q4_DIFFERS_FROM_ANNUAL"]);
        Assert.IsType<RuleOutcome.NotApplicable>(outcomes["ANNUAL_DIFFERS_FROM_Q4"]);
    }
}
