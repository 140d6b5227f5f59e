namespace IndicatorExchange.Domain.Validation;

/// <summary>How a rule compares its left and right expressions.</summary>
public enum ComparisonOperator
{
    /// <summary><c>&lt;=</c></summary>
    LessOrEqual,
    /// <summary><c>&lt;</c></summary>
    Less,
    /// <summary><c>&gt;=</c></summary>
    GreaterOrEqual,
    /// <summary><c>&gt;</c></summary>
    Greater,
    /// <summary><c>==</c>: exact decimal equality.</summary>
    Equal,
    /// <summary><c>!=</c></summary>
    NotEqual,
    /// <summary><c>~=</c>: |left − right| ≤ the rule's tolerance.</summary>
    ApproximatelyEqual,
}
