namespace IndicatorExchange.Spreadsheets;

/// <summary>Excel number format codes.</summary>
public static class NumberFormats
{
    /// <summary>Excel's default format (number format id 0).</summary>
    public const string General = "General";

    /// <summary>The most decimal places <see cref="Fixed"/> gives.</summary>
    public const int MaxPlaces = 10;

    /// <summary>"0", "0.0", "0.00" … for 0, 1, 2 … decimal places (clamped to 0..<see cref="MaxPlaces"/>).</summary>
    public static string Fixed(int places)
    {
        var clamped = Math.Clamp(places, 0, MaxPlaces);
        return clamped == 0 ? "0" : "0." + new string('0', clamped);
    }

    /// <summary>Whether <paramref name="format"/> is Excel's default, which needs no custom format.</summary>
    public static bool IsGeneral(string? format) =>
        string.IsNullOrEmpty(format) || string.Equals(format, General, StringComparison.OrdinalIgnoreCase);
}
