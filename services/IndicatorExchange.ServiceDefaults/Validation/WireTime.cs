using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.ServiceDefaults.Errors;

namespace IndicatorExchange.ServiceDefaults.Validation;

/// <summary>
/// Reads the google.protobuf.Timestamp and Duration fields of requests, refusing what their definitions exclude
/// (nanos outside 0..999,999,999, a moment before 0001-01-01 or after 9999-12-31) with INVALID_ARGUMENT naming
/// the field, where the runtime's conversion would throw and the call end as INTERNAL.
/// </summary>
public static class WireTime
{
    /// <summary>0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z in Unix seconds: the range google.protobuf.Timestamp allows.</summary>
    private const long MinSeconds = -62_135_596_800L;
    private const long MaxSeconds = 253_402_300_799L;

    /// <summary>The moment, null when unset; INVALID_ARGUMENT (INVALID_TIMESTAMP) on <paramref name="field"/> when impossible.</summary>
    public static DateTimeOffset? Read(Timestamp? value, string field)
    {
        if (value is null)
        {
            return null;
        }
        if (value.Nanos is < 0 or > 999_999_999 || value.Seconds is < MinSeconds or > MaxSeconds)
        {
            throw GrpcErrors.InvalidArgument(field, "INVALID_TIMESTAMP",
                $"{field} 不是有效时间（seconds {value.Seconds}，nanos {value.Nanos}）/ {field} is not a valid timestamp: nanos must be 0 to 999999999 and the moment between 0001-01-01 and 9999-12-31 UTC");
        }
        return value.ToDateTimeOffset();
    }

    /// <summary>The moment as stored and compared (round-trip "O" text in UTC), null when unset.</summary>
    public static string? ReadText(Timestamp? value, string field) => Read(value, field)?.ToUniversalTime().ToString("O");

    /// <summary>The span, null when unset; INVALID_ARGUMENT (INVALID_DURATION) when its seconds and nanos are impossible.</summary>
    public static TimeSpan? Read(Duration? value, string field)
    {
        if (value is null)
        {
            return null;
        }
        const long maxSeconds = 315_576_000_000L;
        if (value.Nanos is <= -1_000_000_000 or >= 1_000_000_000 || value.Seconds is < -maxSeconds or > maxSeconds
            || value.Seconds > 0 && value.Nanos < 0 || value.Seconds < 0 && value.Nanos > 0)
        {
            throw GrpcErrors.InvalidArgument(field, "INVALID_DURATION",
                $"{field} 不是有效时长 / {field} is not a valid duration: nanos must have the sign of seconds and lie within ±999999999");
        }
        return value.ToTimeSpan();
    }
}
