using System.Globalization;

namespace IndicatorExchange.Storage.Postgres;

/// <summary>Decimal text on its way into a <c>numeric</c> column by binary COPY, which takes a <see cref="decimal"/>.</summary>
public static class PostgresNumeric
{
    /// <summary>The text's decimal, its scale kept ("1.50" stays 1.50); refuses text that <see cref="decimal"/> would change.</summary>
    public static decimal Exact(string text)
    {
        if (decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            && value.ToString(CultureInfo.InvariantCulture) == text)
        {
            return value;
        }
        throw new InvalidDataException($"'{text}' 不是可精确保存的小数 / is not a decimal that numeric can hold exactly as it is written.");
    }
}
