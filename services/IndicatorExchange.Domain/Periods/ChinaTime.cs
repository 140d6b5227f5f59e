using System.Globalization;

namespace IndicatorExchange.Domain.Periods;

/// <summary>
/// Times shown to people are Beijing time (UTC+8, <see cref="ReportingCalendar.ChinaOffset"/>) whatever the machine's
/// zone, labelled with their offset: the host's admin commands and ixc print them this way.
/// </summary>
public static class ChinaTime
{
    /// <summary>The moment in Beijing time with its offset: "2023-10-15 08:00:00 +08:00".</summary>
    public static string Labelled(DateTimeOffset moment) =>
        moment.ToOffset(ReportingCalendar.ChinaOffset).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
}
