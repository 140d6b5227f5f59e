using IndicatorExchange.Domain.Numbers;

namespace IndicatorExchange.Domain.Validation;

/// <summary>What one rule says about one figure: <see cref="NotApplicable"/>, <see cref="Passed"/> or <see cref="Violated"/>.</summary>
public abstract record RuleOutcome
{
    private RuleOutcome()
    {
    }

    /// <summary>A side could not be evaluated (an operand is absent, a division by zero): the rule says nothing.</summary>
    public sealed record NotApplicable(decimal? Left, decimal? Right) : RuleOutcome;

    public sealed record Passed(decimal Left, decimal Right) : RuleOutcome;

    /// <summary>The comparison did not hold; the values are kept so that a message can show them.</summary>
    public sealed record Violated(decimal Left, ComparisonOperator Operator, decimal Right, decimal Tolerance) : RuleOutcome
    {
        /// <summary>
        /// What actually holds, e.g. "left 225 > right 50" for a violated <c>&lt;=</c>, or
        /// "left 3 differs from right 33.61 by 30.61, more than the tolerance 3" for <c>~=</c>.
        /// Values are rounded to 10 decimal places for display.
        /// </summary>
        public string Describe()
        {
            var left = Show(Left);
            var right = Show(Right);
            return Operator switch
            {
                ComparisonOperator.ApproximatelyEqual =>
                    $"left {left} differs from right {right} by {Show(Math.Abs(Left - Right))}, more than the tolerance {Show(Tolerance)}",
                _ => $"left {left} {Negation(Operator)} right {right}",
            };
        }

        private static string Negation(ComparisonOperator op) => op switch
        {
            ComparisonOperator.LessOrEqual => ">",
            ComparisonOperator.Less => ">=",
            ComparisonOperator.GreaterOrEqual => "<",
            ComparisonOperator.Greater => "<=",
            ComparisonOperator.Equal => "!=",
            ComparisonOperator.NotEqual => "==",
            _ => "!" + op.ToText(),
        };

        private static string Show(decimal value) => DecimalText.Format(DecimalText.RoundComputed(value));
    }
}
