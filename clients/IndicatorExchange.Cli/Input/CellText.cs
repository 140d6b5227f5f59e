using System.Globalization;
using IndicatorExchange.Domain.Numbers;

namespace IndicatorExchange.Cli.Input;

/// <summary>Turns a worksheet cell (text, or a number Excel stored as a double) into trimmed text.</summary>
public static class CellText
{
    public static string? Of(object? cell) => cell switch
    {
        null => null,
        string text => Trimmed(text),
        double number => Number(number),
        float number => Number(number),
        decimal number => DecimalText.Format(number),
        int or long or short or byte => Convert.ToString(cell, CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        _ => Trimmed(Convert.ToString(cell, CultureInfo.InvariantCulture)),
    };

    public static string? Trimmed(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Trim('\u3000');

    /// <summary>
    /// A double as Excel shows it: Excel keeps 15 significant digits, and so does the conversion to decimal, so
    /// 348.2 typed in a cell is read as exactly 348.2.
    /// </summary>
    private static string? Number(double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            return number.ToString(CultureInfo.InvariantCulture);
        }
        try
        {
            return DecimalText.Format((decimal)number);
        }
        catch (OverflowException)
        {
            return number.ToString("R", CultureInfo.InvariantCulture);
        }
    }
}
