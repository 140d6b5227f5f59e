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

    /// <summary>First day of the period.</summary>
    public DateOnly Start => Kind switch
    {
        PeriodKind.Annual => new DateOnly(Year, 1, 1),
        PeriodKind.Quarterly => new DateOnly(Year, (Number - 1) * 3 + 1, 1),
        _ => new DateOnly(Year, Number, 1),
    };

    /// <summary>Last day of the period.</summary>
    public DateOnly End => Kind switch
    {
        PeriodKind.Annual => new DateOnly(Year, 12, 31),
        PeriodKind.Quarterly => new DateOnly(Year, Number * 3, 1).AddMonths(1).AddDays(-1),
        _ => new DateOnly(Year, Number, 1).AddMonths(1).AddDays(-1),
    };

    /// <summary>
    /// The previous year-to-date period of the same year (Q2 for Q3, M04 for M05), or null for the first
    /// one (Q1, M01, an annual period; M02 when January and February are published together).
    /// </summary>
    public Period? PreviousInYear(bool janFebCombined = false) => Kind switch
    {
        PeriodKind.Quarterly when Number > 1 => this with { Number = Number - 1 },
        PeriodKind.Monthly when Number > 2 || (Number == 2 && !janFebCombined) => this with { Number = Number - 1 },
        _ => null,
    };

    /// <summary>
    /// The next year-to-date period of the same year (Q3 for Q2, M05 for M04), or null for the last one (Q4, M12, an annual
    /// period; M01 when January and February are published together, as there is no January figure to follow).
    /// </summary>
    public Period? NextInYear(bool janFebCombined = false) => Kind switch
    {
        PeriodKind.Quarterly when Number < 4 => this with { Number = Number + 1 },
        PeriodKind.Monthly when Number < 12 && !(Number == 1 && janFebCombined) => this with { Number = Number + 1 },
        _ => null,
    };

    /// <summary>Whether this is the last period of its year (Q4, M12), whose year-to-date value is the annual one.</summary>
    public bool IsYearEnd => Kind is PeriodKind.Quarterly && Number == 4 || Kind is PeriodKind.Monthly && Number == 12;

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
