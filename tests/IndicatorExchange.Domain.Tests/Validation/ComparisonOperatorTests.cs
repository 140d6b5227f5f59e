using IndicatorExchange.Domain.Validation;

namespace IndicatorExchange.Domain.Tests.Validation;

public class ComparisonOperatorTests
{
    [Theory]
    [InlineData("<=", ComparisonOperator.LessOrEqual)]
    [InlineData("<", ComparisonOperator.Less)]
    [InlineData(">=", ComparisonOperator.GreaterOrEqual)]
    [InlineData(">", ComparisonOperator.Greater)]
    [InlineData("==", ComparisonOperator.Equal)]
    [InlineData("!=", ComparisonOperator.NotEqual)]
    [InlineData("~=", ComparisonOperator.ApproximatelyEqual)]
    public void Operator_text_parses_and_prints_back(string text, ComparisonOperator op)
    {
        Assert.Equal(op, ComparisonOperators.Parse(text));
        Assert.Equal(text, op.ToText());
    }

    [Fact]
    public void Every_operator_has_a_text()
    {
        foreach (var op in Enum.GetValues<ComparisonOperator>())
        {
            Assert.Equal(op, ComparisonOperators.Parse(op.ToText()));
        }
    }

    [Theory]
    [InlineData("=")]
    [InlineData("=<")]
    [InlineData(" <=")]
    [InlineData("<>")]
    [InlineData("")]
    [InlineData("LessOrEqual")]
    public void Unknown_operator_text_is_a_format_error(string text)
    {
        Assert.False(ComparisonOperators.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => ComparisonOperators.Parse(text));
        Assert.Contains("~=", error.Message);
    }

    [Fact]
    public void Null_operator_text_does_not_parse()
    {
        Assert.False(ComparisonOperators.TryParse(null, out _));
    }
}
