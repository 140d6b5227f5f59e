namespace IndicatorExchange.Domain.Validation;

internal enum TokenKind
{
    Number,
    Identifier,
    LeftParen,
    RightParen,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    End,
}

/// <summary>One token of a rule expression; <paramref name="Position"/> is 1-based.</summary>
internal readonly record struct ExpressionToken(TokenKind Kind, string Text, int Position)
{
    public string Describe() => Kind == TokenKind.End ? "the end of the text" : $"'{Text}'";
}
