using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Dashboard.Model;

/// <summary>Every time the dashboard shows is Beijing time (UTC+8), whatever the server's zone, and labelled so.</summary>
public static class BeijingTime
{
    /// <summary>The moment in UTC+8, formatted ("2023-07-14 16:05").</summary>
    public static string Format(DateTimeOffset moment, string format) =>
        moment.ToOffset(ReportingCalendar.ChinaOffset).ToString(format, CultureInfo.InvariantCulture);

    /// <summary>A wire timestamp in UTC+8; empty when unset.</summary>
    public static string Format(Timestamp? timestamp, string format) =>
        timestamp is null ? "" : Format(timestamp.ToDateTimeOffset(), format);
}
