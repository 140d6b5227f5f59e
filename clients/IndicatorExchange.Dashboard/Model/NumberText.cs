using System.Globalization;
using ExactDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Dashboard.Model;

/// <summary>Decimals for display: exact values from the wire, rounded half away from zero to a number of places.</summary>
public static class NumberText
{
    /// <summary>The exact value, or null when the wire message is unset or not a plain decimal.</summary>
    public static decimal? Value(ExactDecimal? value) => value is not null && value.TryToDecimal(out var v) ? v : null;

    /// <summary>Rounded for display; null stays null.</summary>
    public static decimal? Round(decimal? value, int places) =>
        value is { } v ? decimal.Round(v, Math.Clamp(places, 0, 10), MidpointRounding.AwayFromZero) : null;

    /// <summary>Text with exactly <paramref name="places"/> decimals ("481.81", "1.25"); empty for null.</summary>
    public static string Format(decimal? value, int places)
    {
        if (Round(value, places) is not { } rounded)
        {
            return "";
        }
        places = Math.Clamp(places, 0, 10);
        return rounded.ToString("F" + places.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }
}
