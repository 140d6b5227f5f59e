using IndicatorExchange.Domain.Validation;

namespace IndicatorExchange.Domain.Tests.Validation;

public class RuleExpressionParsingTests
{
    private static decimal? Eval(string text, DictionaryOperandSource? source = null) =>
        RuleExpression.Parse(text).Evaluate(source ?? new DictionaryOperandSource());

    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("2 * 3 + 1", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("100 / 10 / 2", "5")]
    [InlineData("10 - 2 * 3 / 2", "7")]
    [InlineData("((2))", "2")]
    [InlineData("-3 + 5", "2")]
    [InlineData("-(3 + 5)", "-8")]
    [InlineData("2 * -3", "-6")]
    [InlineData("- -4", "4")]
    [InlineData("-2 * -2", "4")]
    [InlineData("0.1 + 0.2", "0.3")]
    [InlineData("50", "50")]
    [InlineData("0.5", "0.5")]
    [InlineData("abs(-7.5)", "7.5")]
    [InlineData("abs(2 - 9) * 2", "14")]
    [InlineData("min(3, 1 + 1)", "2")]
    [InlineData("max(3, 1 + 1)", "3")]
    [InlineData("max(1, 5, 2)", "5")]
    [InlineData("min(-1, abs(-4))", "-1")]
    [InlineData("  1+2*3  ", "7")]
    public void Literals_operators_and_functions_follow_standard_precedence(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Eval(text));
    }

    [Fact]
    public void Literals_are_exact_decimals()
    {
        Assert.Equal(0.3m, Eval("0.1 + 0.2"));
        Assert.Equal(348.2m + 133.61m, Eval("348.2 + 133.61"));
    }

    [Fact]
    public void An_operand_with_an_indicator_argument_is_resolved_with_that_indicator()
    {
        var source = DictionaryOperandSource.Of(("value", 5.04m), ("value(RETAIL_SALES)", 101.4m));
        Assert.Equal(101.4m - 5.04m, Eval("value(RETAIL_SALES) - value", source));
        Assert.Equal(["value(RETAIL_SALES)", "value"], source.Requested);
    }

    [Fact]
    public void Blanks_are_allowed_around_an_indicator_argument()
    {
        var source = DictionaryOperandSource.Of(("value(RETAIL_SALES)", 101.4m));
        Assert.Equal(101.4m, Eval("value ( RETAIL_SALES )", source));
    }

    [Fact]
    public void Operands_lists_each_name_and_indicator_once_in_order_of_appearance()
    {
        var expression = RuleExpression.Parse("abs(value / prior_year_value - 1) * 100 + value(RETAIL_SALES) - value + max(growth, value(RETAIL_SALES))");
        Assert.Equal(
            [
                new OperandReference("value", null),
                new OperandReference("prior_year_value", null),
                new OperandReference("value", "RETAIL_SALES"),
                new OperandReference("growth", null),
            ],
            expression.Operands);
    }

    [Fact]
    public void A_constant_expression_has_no_operands()
    {
        Assert.Empty(RuleExpression.Parse("(1 + 2) * 3").Operands);
    }

    [Fact]
    public void An_operand_reference_prints_as_written()
    {
        Assert.Equal("value(RETAIL_SALES)", new OperandReference("value", "RETAIL_SALES").ToString());
        Assert.Equal("growth", new OperandReference("growth", null).ToString());
    }

    [Fact]
    public void The_parsed_expression_keeps_its_text()
    {
        Assert.Equal("value * 2", RuleExpression.Parse("value * 2").Text);
        Assert.Equal("value * 2", RuleExpression.Parse("value * 2").ToString());
    }

    [Theory]
    [InlineData("value +", 8)]            // end of text where an operand was expected
    [InlineData("value(", 7)]             // no indicator code
    [InlineData("(1", 3)]                 // missing ')'
    [InlineData("value(lowercase)", 7)]   // the argument must be UPPER_SNAKE_CASE
    [InlineData("2 ** 3", 4)]             // second '*' where an operand was expected
    [InlineData("", 1)]
    [InlineData("   ", 4)]
    [InlineData("1 2", 3)]                // two operands without an operator
    [InlineData("value)", 6)]
    [InlineData("value(RETAIL_SALES", 19)]
    [InlineData("value()", 7)]
    [InlineData("value(RETAIL_SALES, GDP)", 19)]
    [InlineData("Value", 1)]              // operand names are lower_snake_case
    [InlineData("RETAIL_SALES", 1)]
    [InlineData("prior__year", 1)]
    [InlineData("value(Retail_Sales)", 7)]
    [InlineData("1 + #", 5)]
    [InlineData("1.", 3)]
    [InlineData(".5", 1)]
    [InlineData("1e5", 2)]
    [InlineData("abs", 4)]                // a function needs its parentheses
    [InlineData("abs(1, 2)", 9)]
    [InlineData("min(1)", 6)]
    [InlineData("max(1, )", 8)]
    [InlineData("12345678901234567890123456789", 1)] // more digits than a decimal holds exactly
    public void Bad_syntax_is_a_format_error_naming_the_position_and_the_text(string text, int position)
    {
        var error = Assert.Throws<RuleExpressionFormatException>(() => RuleExpression.Parse(text));
        Assert.IsAssignableFrom<FormatException>(error);
        Assert.Equal(position, error.Position);
        Assert.Equal(text, error.Expression);
        Assert.Contains($"at position {position}", error.Message);
        Assert.Contains($"\"{text}\"", error.Message);
    }

    [Fact]
    public void A_bad_indicator_argument_is_reported_as_such()
    {
        var error = Assert.Throws<RuleExpressionFormatException>(() => RuleExpression.Parse("value(lowercase)"));
        Assert.Contains("UPPER_SNAKE_CASE", error.Message);
        Assert.Contains("'lowercase'", error.Message);
    }

    [Fact]
    public void The_end_of_the_text_is_named_when_the_expression_stops_early()
    {
        var error = Assert.Throws<RuleExpressionFormatException>(() => RuleExpression.Parse("value +"));
        Assert.Contains("end of the text", error.Message);
    }
}
