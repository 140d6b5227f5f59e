using System.Globalization;

namespace IndicatorExchange.Domain.Numbers;

/// <summary>
/// The exact text form of decimals on the wire and in storage: "-10.4", "0.192".
/// Never goes through binary floating point.
/// </summary>
public static class DecimalText
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    /// <summary>The most significant digits a value may have: what System.Decimal holds exactly.</summary>
    public const int MaxSignificantDigits = 28;

    /// <summary>The most decimal places a value may have: System.Decimal's largest scale.</summary>
    public const int MaxDecimalPlaces = 28;

    /// <summary>
    /// Parses "348.2" or "-10.4": an optional minus sign, ASCII digits, and optionally a point followed by digits.
    /// Rejects exponents, separators, a leading plus, blanks, control characters, "12." and ".5", and what
    /// System.Decimal cannot hold exactly (more than 28 significant digits or more than 28 decimal places)
    /// rather than rounding it silently.
    /// </summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0m;
        return text is not null && TryParse(text.AsSpan(), out value);
    }

    /// <inheritdoc cref="TryParse(string?, out decimal)"/>
    public static bool TryParse(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0m;
        if (!IsPlainDecimal(text) || SignificantDigits(text) > MaxSignificantDigits || DecimalPlaces(text) > MaxDecimalPlaces)
        {
            return false;
        }
        return decimal.TryParse(text, Style, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>The grammar of the contract: -?[0-9]+(\.[0-9]+)? and nothing else.</summary>
    private static bool IsPlainDecimal(ReadOnlySpan<char> text)
    {
        var i = text.Length > 0 && text[0] == '-' ? 1 : 0;
        var integerStart = i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        if (i == integerStart)
        {
            return false;
        }
        if (i == text.Length)
        {
            return true;
        }
        if (text[i] != '.')
        {
            return false;
        }
        var fractionStart = ++i;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        return i > fractionStart && i == text.Length;
    }

    /// <summary>Places after the point that carry value (trailing zeros do not): "0.1200" has 2.</summary>
    private static int DecimalPlaces(ReadOnlySpan<char> text)
    {
        var point = text.IndexOf('.');
        return point < 0 ? 0 : text[(point + 1)..].TrimEnd('0').Length;
    }

    /// <summary>Digits that carry value: leading zeros and trailing zeros after the point do not.</summary>
    private static int SignificantDigits(ReadOnlySpan<char> text)
    {
        // Counted on a span, without the strings that trimming and replacing would allocate on every parse.
        var number = text.TrimStart('-');
        if (number.Contains('.'))
        {
            number = number.TrimEnd('0');
        }
        var start = 0;
        while (start < number.Length && number[start] is '0' or '.')
        {
            start++;
        }
        var digits = 0;
        foreach (var c in number[start..])
        {
            if (c != '.')
            {
                digits++;
            }
        }
        return digits;
    }

    /// <summary>Canonical text: no trailing zeros after the point, no exponent.</summary>
    public static string Format(decimal value) => Canonical(value).ToString(CultureInfo.InvariantCulture);

    /// <summary>The same number with the smallest scale that represents it exactly (0.1920 → 0.192).</summary>
    public static decimal Canonical(decimal value)
    {
        if (value == 0m)
        {
            return 0m;
        }
        var scale = value.Scale;
        if (scale == 0)
        {
            return value;
        }
        // Strips the trailing zeros of the 96-bit coefficient: the same result as dividing by 1.000…0 (28 zeros),
        // which makes the runtime pick the minimal scale, without a decimal division (a roll-up formats millions).
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var coefficient = ((UInt128)(uint)bits[2] << 64) | ((UInt128)(uint)bits[1] << 32) | (uint)bits[0];
        var stripped = scale;
        if (coefficient <= ulong.MaxValue)
        {
            var small = (ulong)coefficient;
            while (stripped > 0 && small % 10 == 0)
            {
                small /= 10;
                stripped--;
            }
            coefficient = small;
        }
        else
        {
            while (stripped > 0 && coefficient % 10 == 0)
            {
                coefficient /= 10;
                stripped--;
            }
        }
        return stripped == scale
            ? value
            : new decimal((int)(uint)coefficient, (int)(uint)(coefficient >> 32), (int)(uint)(coefficient >> 64), value < 0m, (byte)stripped);
    }

    /// <summary>Rounds a computed (not reported) value to a fixed number of places, midpoint away from zero.</summary>
    public static decimal RoundComputed(decimal value, int places = 10) =>
        Canonical(Math.Round(value, places, MidpointRounding.AwayFromZero));
}
