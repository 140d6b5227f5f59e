namespace IndicatorExchange.Domain.Periods;

/// <summary>The calendar counties report by: Beijing time (UTC+8), and the default submission deadline.</summary>
public static class ReportingCalendar
{
    public static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    /// <summary>Today's date in Beijing: a period "has begun" by the counties' calendar.</summary>
    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(now.ToOffset(ChinaOffset).DateTime);

    /// <summary>The default deadline: the end of the 15th day after the period, Beijing time.</summary>
    public static DateTimeOffset DefaultDeadline(Period period) =>
        new(period.End.AddDays(16).ToDateTime(TimeOnly.MinValue), ChinaOffset);
}
