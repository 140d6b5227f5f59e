namespace IndicatorExchange.Domain.Validation;

/// <summary>A rule expression with bad syntax; the message names the expression and the position.</summary>
public sealed class RuleExpressionFormatException : FormatException
{
    public RuleExpressionFormatException(string expression, int position, string problem)
        : base($"Invalid rule expression \"{expression}\" at position {position}: {problem}.")
    {
        Expression = expression;
        Position = position;
    }

    /// <summary>The whole expression text.</summary>
    public string Expression { get; }

    /// <summary>1-based character position of the problem; the text's length + 1 when the text ended too early.</summary>
    public int Position { get; }
}
