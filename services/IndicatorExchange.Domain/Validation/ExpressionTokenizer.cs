namespace IndicatorExchange.Domain.Validation;

/// <summary>
/// Splits a rule expression into tokens. Numbers are plain decimals ("50", "0.5"): no exponent, no leading or
/// trailing point, parsed exactly. Identifiers are ASCII letters, digits and underscores; the parser checks their case.
/// </summary>
internal static class ExpressionTokenizer
{
    public static List<ExpressionToken> Tokenize(string text)
    {
        var tokens = new List<ExpressionToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (char.IsAsciiDigit(c))
            {
                tokens.Add(Number(text, ref i));
            }
            else if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }
                tokens.Add(new ExpressionToken(TokenKind.Identifier, text[start..i], start + 1));
            }
            else
            {
                var kind = c switch
                {
                    '(' => TokenKind.LeftParen,
                    ')' => TokenKind.RightParen,
                    ',' => TokenKind.Comma,
                    '+' => TokenKind.Plus,
                    '-' => TokenKind.Minus,
                    '*' => TokenKind.Star,
                    '/' => TokenKind.Slash,
                    _ => throw new RuleExpressionFormatException(text, i + 1, $"unexpected character '{c}'"),
                };
                tokens.Add(new ExpressionToken(kind, c.ToString(), i + 1));
                i++;
            }
        }
        tokens.Add(new ExpressionToken(TokenKind.End, "", text.Length + 1));
        return tokens;
    }

    private static ExpressionToken Number(string text, ref int i)
    {
        var start = i;
        SkipDigits(text, ref i);
        if (i < text.Length && text[i] == '.')
        {
            i++;
            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                throw new RuleExpressionFormatException(text, i + 1, "expected a digit after the decimal point");
            }
            SkipDigits(text, ref i);
        }
        var number = text[start..i];
        if (!Numbers.DecimalText.TryParse(number, out _))
        {
            throw new RuleExpressionFormatException(text, start + 1, $"the number {number} has more digits than a decimal holds exactly");
        }
        return new ExpressionToken(TokenKind.Number, number, start + 1);
    }

    private static void SkipDigits(string text, ref int i)
    {
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
    }
}
