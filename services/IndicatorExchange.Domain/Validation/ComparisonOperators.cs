namespace IndicatorExchange.Domain.Validation;

/// <summary>The text form of <see cref="ComparisonOperator"/> ("&lt;=", "~=") and what each one means.</summary>
public static class ComparisonOperators
{
    private static readonly (ComparisonOperator Operator, string Text)[] Texts =
    [
        (ComparisonOperator.LessOrEqual, "<="),
        (ComparisonOperator.Less, "<"),
        (ComparisonOperator.GreaterOrEqual, ">="),
        (ComparisonOperator.Greater, ">"),
        (ComparisonOperator.Equal, "=="),
        (ComparisonOperator.NotEqual, "!="),
        (ComparisonOperator.ApproximatelyEqual, "~="),
    ];

    public static string ToText(this ComparisonOperator op)
    {
        foreach (var (candidate, text) in Texts)
        {
            if (candidate == op)
            {
                return text;
            }
        }
        throw new ArgumentOutOfRangeException(nameof(op), op, "Not a comparison operator.");
    }

    /// <summary>Accepts exactly the texts <see cref="ToText"/> gives, without surrounding blanks.</summary>
    public static bool TryParse(string? text, out ComparisonOperator op)
    {
        foreach (var (candidate, candidateText) in Texts)
        {
            if (string.Equals(candidateText, text, StringComparison.Ordinal))
            {
                op = candidate;
                return true;
            }
        }
        op = default;
        return false;
    }

    public static ComparisonOperator Parse(string text) =>
        TryParse(text, out var op)
            ? op
            : throw new FormatException($"'{text}' is not a comparison operator; expected one of: {string.Join(" ", Texts.Select(t => t.Text))}.");

    /// <summary>Whether <c>left op right</c> is true. The tolerance is used by <see cref="ComparisonOperator.ApproximatelyEqual"/> only.</summary>
    public static bool Holds(this ComparisonOperator op, decimal left, decimal right, decimal tolerance = 0m) => op switch
    {
        ComparisonOperator.LessOrEqual => left <= right,
        ComparisonOperator.Less => left < right,
        ComparisonOperator.GreaterOrEqual => left >= right,
        ComparisonOperator.Greater => left > right,
        ComparisonOperator.Equal => left == right,
        ComparisonOperator.NotEqual => left != right,
        ComparisonOperator.ApproximatelyEqual => Math.Abs(left - right) <= tolerance,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Not a comparison operator."),
    };
}
