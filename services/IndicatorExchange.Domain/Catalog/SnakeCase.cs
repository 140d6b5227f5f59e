namespace IndicatorExchange.Domain.Catalog;

/// <summary>The two identifier spellings of rules: lower_snake_case operands, UPPER_SNAKE_CASE codes.</summary>
internal static class SnakeCase
{
    public static bool IsLower(string text) => Is(text, char.IsAsciiLetterLower);

    public static bool IsUpper(string text) => Is(text, char.IsAsciiLetterUpper);

    /// <summary>Words of letters and digits joined by single underscores, starting with a letter.</summary>
    private static bool Is(string text, Func<char, bool> isLetter)
    {
        if (text.Length == 0 || !isLetter(text[0]) || text[^1] == '_')
        {
            return false;
        }
        for (var i = 1; i < text.Length; i++)
        {
            var c = text[i];
            var ok = isLetter(c) || char.IsAsciiDigit(c) || (c == '_' && text[i - 1] != '_');
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }
}
