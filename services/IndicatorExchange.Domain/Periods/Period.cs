using System.Globalization;

namespace IndicatorExchange.Domain.Periods;

/// <summary>How long a period is.</summary>
public enum PeriodKind
{
    Annual,
    Quarterly,
    Monthly,
}

/// <summary>
/// A reporting period: "2023" (annual), "2023Q3" (quarterly), "2023M09" (monthly).
/// Quarterly and monthly figures of cumulative indicators are year to date.
/// </summary>
public readonly record struct Period(int Year, PeriodKind Kind, int Number)
{
    public const int MinYear = 1949;
    public const int MaxYear = 2199;

    public static bool TryParse(string? code, out Period period)
    {
        period = default;
        if (code is null || code.Length < 4 || !TryYear(code.AsSpan(0, 4), out var year))
        {
            return false;
        }
        var rest = code.AsSpan(4);
        if (rest.Length == 0)
        {
            period = new Period(year, PeriodKind.Annual, 0);
            return true;
        }
        if (rest.Length == 2 && rest[0] == 'Q' && rest[1] is >= '1' and <= '4')
        {
            period = new Period(year, PeriodKind.Quarterly, rest[1] - '0');
            return true;
        }
        if (rest.Length == 3 && rest[0] == 'M'
            && int.TryParse(rest[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            && month is >= 1 and <= 12)
        {
            period = new Period(year, PeriodKind.Monthly, month);
            return true;
        }
        return false;
    }

    public static Period Parse(string code) =>
        TryParse(code, out var period)
            ? period
            : throw new FormatException($"'{code}' is not a period code such as 2023, 2023Q3 or 2023M09.");

    /// <summary>The same period one year earlier: the base of year-on-year growth.</summary>
    public Period PriorYear() => this with { Year = Year - 1 };

    /// <summary>The share of the year this period's year-to-date value covers (Q2 → 0.5).</summary>
    public decimal ElapsedShareOfYear() => Kind switch
    {
        PeriodKind.Annual => 1m,
        PeriodKind.Quarterly => Number / 4m,
        _ => Number / 12m,
    };

    public override string ToString() => Kind switch
    {
        PeriodKind.Annual => Year.ToString(CultureInfo.InvariantCulture),
        PeriodKind.Quarterly => string.Create(CultureInfo.InvariantCulture, $"{Year}Q{Number}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Year}M{Number:00}"),
    };

    private static bool TryYear(ReadOnlySpan<char> digits, out int year) =>
        int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out year)
        && year is >= MinYear and <= MaxYear;
}
