using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Domain.Targets;

/// <summary>Number formatting and shared pieces of the <see cref="TargetProgress.Rule"/> sentences.</summary>
internal static class RuleText
{
    /// <summary>A reported value or a threshold, exactly as given.</summary>
    public static string Exact(decimal value) => DecimalText.Format(value);

    /// <summary>A computed percentage or number of points, to 2 places.</summary>
    public static string Pct(decimal value) => DecimalText.Format(Math.Round(value, 2, MidpointRounding.AwayFromZero));

    /// <summary>A computed amount in the value's unit, to 4 places.</summary>
    public static string Amount(decimal value) => DecimalText.Format(Math.Round(value, 4, MidpointRounding.AwayFromZero));

    /// <summary>" at year end" for the annual period, Q4 and M12; otherwise empty.</summary>
    public static string YearEndSuffix(Period period) => TargetProgressCalculator.EndsYear(period) ? " at year end" : "";

    /// <summary>The note on a Period-accumulation value compared as if it were cumulative.</summary>
    public const string PeriodValueNote = " (the period's own value, read as cumulative)";
}
