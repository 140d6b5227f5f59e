using IndicatorExchange.Domain.Validation;

namespace IndicatorExchange.Domain.Tests.Validation;

public class RuleEvaluationTests
{
    private static CompiledRule Rule(string left, ComparisonOperator op, string right, decimal tolerance = 0m) =>
        CompiledRule.Compile(new ValidationRule
        {
            Code = "TEST_RULE",
            Indicator = "*",
            Left = left,
            Operator = op,
            Right = right,
            Tolerance = tolerance,
            Severity = RuleSeverity.Warning,
            MessageZh = "测试",
            MessageEn = "test",
        });

    [Theory]
    [InlineData("value + 1")]
    [InlineData("-value")]
    [InlineData("abs(value)")]
    [InlineData("min(value, 3)")]
    [InlineData("max(3, value)")]
    [InlineData("0 * value")]
    [InlineData("1 + 2 * (3 - value)")]
    public void Any_absent_operand_makes_the_whole_expression_null(string text)
    {
        Assert.Null(RuleExpression.Parse(text).Evaluate(new DictionaryOperandSource()));
    }

    [Theory]
    [InlineData("1 / 0")]
    [InlineData("value / prior_year_value")]
    [InlineData("(1 / 0) * 0 + 5")]
    [InlineData("max(1 / (value - value), 2)")]
    public void Division_by_zero_gives_null(string text)
    {
        var source = DictionaryOperandSource.Of(("value", 3m), ("prior_year_value", 0m));
        Assert.Null(RuleExpression.Parse(text).Evaluate(source));
    }

    [Theory]
    [InlineData("value * value")]
    [InlineData("value + value")]
    [InlineData("value / 0.0001")]
    [InlineData("-value - value")]
    public void Decimal_overflow_gives_null(string text)
    {
        var source = DictionaryOperandSource.Of(("value", decimal.MaxValue));
        Assert.Null(RuleExpression.Parse(text).Evaluate(source));
    }

    [Fact]
    public void A_rule_with_an_absent_operand_is_not_applicable()
    {
        var outcome = Rule("value", ComparisonOperator.LessOrEqual, "value(RETAIL_SALES)").Evaluate(DictionaryOperandSource.Of(("value", 5m)));
        Assert.Equal(new RuleOutcome.NotApplicable(5m, null), outcome);
    }

    [Fact]
    public void A_rule_dividing_by_zero_is_not_applicable()
    {
        var source = DictionaryOperandSource.Of(("value", 2.6m), ("prior_year_value", 0m), ("max_yoy_change_pct", 50m));
        var outcome = Rule("abs(value / prior_year_value - 1) * 100", ComparisonOperator.LessOrEqual, "max_yoy_change_pct").Evaluate(source);
        Assert.IsType<RuleOutcome.NotApplicable>(outcome);
    }

    [Theory]
    [InlineData("<=", "1", "2", true)]
    [InlineData("<=", "2", "2", true)]
    [InlineData("<=", "3", "2", false)]
    [InlineData("<", "1", "2", true)]
    [InlineData("<", "2", "2", false)]
    [InlineData(">=", "2", "2", true)]
    [InlineData(">=", "1", "2", false)]
    [InlineData(">", "3", "2", true)]
    [InlineData(">", "2", "2", false)]
    [InlineData("==", "2", "2.00", true)]
    [InlineData("==", "2", "2.01", false)]
    [InlineData("!=", "2", "2.01", true)]
    [InlineData("!=", "2", "2", false)]
    [InlineData("~=", "2", "2", true)]
    [InlineData("~=", "2", "2.0000001", false)]
    public void Each_operator_compares_the_two_sides(string op, string left, string right, bool holds)
    {
        var outcome = Rule(left, ComparisonOperators.Parse(op), right).Evaluate(new DictionaryOperandSource());
        if (holds)
        {
            Assert.IsType<RuleOutcome.Passed>(outcome);
        }
        else
        {
            Assert.IsType<RuleOutcome.Violated>(outcome);
        }
    }

    [Theory]
    [InlineData("10", "13", true)]
    [InlineData("13", "10", true)]
    [InlineData("10", "12.9", true)]
    [InlineData("10", "13.01", false)]
    [InlineData("13.01", "10", false)]
    public void Approximately_equal_allows_a_difference_up_to_the_tolerance(string left, string right, bool holds)
    {
        var outcome = Rule(left, ComparisonOperator.ApproximatelyEqual, right, tolerance: 3m).Evaluate(new DictionaryOperandSource());
        Assert.Equal(holds, outcome is RuleOutcome.Passed);
        Assert.Equal(!holds, outcome is RuleOutcome.Violated);
    }

    [Fact]
    public void The_tolerance_is_ignored_by_other_operators()
    {
        var outcome = Rule("10", ComparisonOperator.Equal, "11", tolerance: 3m).Evaluate(new DictionaryOperandSource());
        Assert.IsType<RuleOutcome.Violated>(outcome);
    }

    [Fact]
    public void A_passed_rule_keeps_both_values()
    {
        var outcome = Rule("value", ComparisonOperator.LessOrEqual, "50").Evaluate(DictionaryOperandSource.Of(("value", 3.5m)));
        Assert.Equal(new RuleOutcome.Passed(3.5m, 50m), outcome);
    }

    [Fact]
    public void A_violation_keeps_both_values_and_describes_what_actually_holds()
    {
        var source = DictionaryOperandSource.Of(("value", 2.6m), ("prior_year_value", 0.8m), ("max_yoy_change_pct", 50m));
        var outcome = Rule("abs(value / prior_year_value - 1) * 100", ComparisonOperator.LessOrEqual, "max_yoy_change_pct").Evaluate(source);
        var violation = Assert.IsType<RuleOutcome.Violated>(outcome);
        Assert.Equal(225m, violation.Left);
        Assert.Equal(50m, violation.Right);
        Assert.Equal("left 225 > right 50", violation.Describe());
    }

    [Theory]
    [InlineData(ComparisonOperator.LessOrEqual, "3", "2", "left 3 > right 2")]
    [InlineData(ComparisonOperator.Less, "2", "2", "left 2 >= right 2")]
    [InlineData(ComparisonOperator.GreaterOrEqual, "1.5", "2", "left 1.5 < right 2")]
    [InlineData(ComparisonOperator.Greater, "2", "2", "left 2 <= right 2")]
    [InlineData(ComparisonOperator.Equal, "1", "2", "left 1 != right 2")]
    [InlineData(ComparisonOperator.NotEqual, "2.0", "2", "left 2 == right 2")]
    public void A_violation_description_shows_the_relation_that_holds_instead(ComparisonOperator op, string left, string right, string expected)
    {
        var violation = Assert.IsType<RuleOutcome.Violated>(Rule(left, op, right).Evaluate(new DictionaryOperandSource()));
        Assert.Equal(expected, violation.Describe());
    }

    [Fact]
    public void An_approximate_violation_description_shows_the_difference_and_the_tolerance()
    {
        var violation = Assert.IsType<RuleOutcome.Violated>(
            Rule("3", ComparisonOperator.ApproximatelyEqual, "33.61", tolerance: 3m).Evaluate(new DictionaryOperandSource()));
        Assert.Equal("left 3 differs from right 33.61 by 30.61, more than the tolerance 3", violation.Describe());
    }

    [Fact]
    public void A_violation_description_rounds_long_computed_values()
    {
        var violation = Assert.IsType<RuleOutcome.Violated>(Rule("1 / 3", ComparisonOperator.Greater, "1").Evaluate(new DictionaryOperandSource()));
        Assert.Equal("left 0.3333333333 <= right 1", violation.Describe());
    }
}
