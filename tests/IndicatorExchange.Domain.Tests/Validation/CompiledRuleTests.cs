using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Validation;

namespace IndicatorExchange.Domain.Tests.Validation;

public class CompiledRuleTests
{
    private static readonly ValidationRule Valid = new()
    {
        Code = "COMPONENT_EXCEEDS_TOTAL",
        Indicator = "RETAIL_SALES_ABOVE_SIZE",
        Left = "value",
        Operator = ComparisonOperator.LessOrEqual,
        Right = "value(RETAIL_SALES)",
        Severity = RuleSeverity.Warning,
        MessageZh = "限额以上社会消费品零售总额大于社会消费品零售总额",
        MessageEn = "Retail sales above designated size exceed total retail sales",
    };

    [Fact]
    public void Compiling_parses_both_sides_and_lists_their_operands()
    {
        var rule = CompiledRule.Compile(Valid);
        Assert.Same(Valid, rule.Rule);
        Assert.Equal("value", rule.Left.Text);
        Assert.Equal("value(RETAIL_SALES)", rule.Right.Text);
        Assert.Equal([new OperandReference("value", null), new OperandReference("value", "RETAIL_SALES")], rule.Operands);
    }

    [Fact]
    public void Operands_used_on_both_sides_are_listed_once()
    {
        var rule = CompiledRule.Compile(Valid with { Left = "growth", Operator = ComparisonOperator.ApproximatelyEqual, Right = "(value / prior_year_value - 1) * 100 + growth * 0" });
        Assert.Equal(["growth", "value", "prior_year_value"], rule.Operands.Select(o => o.ToString()));
    }

    [Theory]
    [InlineData("value +", "left")]
    [InlineData("", "left")]
    [InlineData("2 ** 3", "left")]
    public void Bad_left_syntax_is_a_format_error_naming_the_rule_code_and_the_side(string left, string side)
    {
        var error = Assert.Throws<FormatException>(() => CompiledRule.Compile(Valid with { Left = left }));
        Assert.Contains("COMPONENT_EXCEEDS_TOTAL", error.Message);
        Assert.Contains(side, error.Message);
        Assert.Contains("position", error.Message);
        Assert.IsType<RuleExpressionFormatException>(error.InnerException);
    }

    [Fact]
    public void Bad_right_syntax_is_a_format_error_naming_the_rule_code_and_the_side()
    {
        var error = Assert.Throws<FormatException>(() => CompiledRule.Compile(Valid with { Right = "value(lowercase)" }));
        Assert.Contains("COMPONENT_EXCEEDS_TOTAL", error.Message);
        Assert.Contains("right side", error.Message);
        Assert.Contains("position 7", error.Message);
    }

    [Theory]
    [InlineData("component_exceeds_total", "RETAIL_SALES", null, "0")]
    [InlineData("", "RETAIL_SALES", null, "0")]
    [InlineData("COMPONENT_EXCEEDS_TOTAL", "retail_sales", null, "0")]
    [InlineData("COMPONENT_EXCEEDS_TOTAL", "", null, "0")]
    [InlineData("COMPONENT_EXCEEDS_TOTAL", "*", "cumulative", "0")]
    [InlineData("COMPONENT_EXCEEDS_TOTAL", "*", "year_to_date", "-1")]
    public void Malformed_rule_fields_are_format_errors(string code, string indicator, string? accumulation, string tolerance)
    {
        var rule = Valid with
        {
            Code = code,
            Indicator = indicator,
            Accumulation = accumulation,
            Tolerance = decimal.Parse(tolerance, System.Globalization.CultureInfo.InvariantCulture),
        };
        Assert.Throws<FormatException>(() => CompiledRule.Compile(rule));
    }

    [Fact]
    public void An_undefined_operator_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => CompiledRule.Compile(Valid with { Operator = (ComparisonOperator)99 }));
    }

    [Theory]
    [InlineData("*", null, "GDP", "year_to_date", true)]
    [InlineData("*", null, "LOANS_OUTSTANDING", "stock", true)]
    [InlineData("*", "year_to_date", "GDP", "year_to_date", true)]
    [InlineData("*", "year_to_date", "LOANS_OUTSTANDING", "stock", false)]
    [InlineData("*", "period", "SURVEYED_UNEMPLOYMENT_RATE", "period", true)]
    [InlineData("RETAIL_SALES", null, "RETAIL_SALES", "year_to_date", true)]
    [InlineData("RETAIL_SALES", null, "RETAIL_SALES_ABOVE_SIZE", "year_to_date", false)]
    [InlineData("RETAIL_SALES", "stock", "RETAIL_SALES", "year_to_date", false)]
    public void A_rule_applies_to_its_indicator_or_every_one_and_to_its_accumulation_or_any(
        string ruleIndicator, string? ruleAccumulation, string indicator, string accumulation, bool applies)
    {
        var rule = CompiledRule.Compile(Valid with { Indicator = ruleIndicator, Accumulation = ruleAccumulation });
        Assert.Equal(applies, rule.AppliesTo(indicator, accumulation));
        Assert.Equal(applies, rule.AppliesTo(indicator, CatalogText.Parse<Accumulation>(accumulation)));
    }

    [Fact]
    public void Compiling_a_set_compiles_every_rule_in_order()
    {
        var rules = CompiledRule.CompileAll([Valid, Valid with { Code = "OTHER_RULE" }]);
        Assert.Equal(["COMPONENT_EXCEEDS_TOTAL", "OTHER_RULE"], rules.Select(r => r.Rule.Code));
    }

    [Fact]
    public void A_compiled_rule_prints_its_code_indicator_and_comparison()
    {
        Assert.Equal("COMPONENT_EXCEEDS_TOTAL [RETAIL_SALES_ABOVE_SIZE]: value <= value(RETAIL_SALES)", CompiledRule.Compile(Valid).ToString());
    }
}
