using IndicatorExchange.Domain.Periods;
using IndicatorExchange.ServiceDefaults.Errors;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>The periods a summary or series request names, checked and parsed once.</summary>
internal static class RequestPeriods
{
    private const int MaxSeriesLength = 240;

    /// <summary>The periods of a series, from and to included, all of one length; INVALID_ARGUMENT otherwise.</summary>
    public static IReadOnlyList<Period> Range(Period from, Period to)
    {
        if (from.Kind != to.Kind)
        {
            throw GrpcErrors.InvalidArgument("to_period", "PERIOD_KIND_MISMATCH", AggregationMessages.PeriodKindMismatch);
        }
        var periods = new List<Period>();
        for (var p = from; Compare(p, to) <= 0; p = Next(p))
        {
            if (periods.Count == MaxSeriesLength)
            {
                throw GrpcErrors.InvalidArgument("to_period", "SERIES_TOO_LONG", AggregationMessages.SeriesTooLong(MaxSeriesLength));
            }
            periods.Add(p);
        }
        return periods.Count > 0
            ? periods
            : throw GrpcErrors.InvalidArgument("to_period", "EMPTY_RANGE", AggregationMessages.EmptyRange);
    }

    private static int Compare(Period a, Period b) => a.Year != b.Year ? a.Year.CompareTo(b.Year) : a.Number.CompareTo(b.Number);

    private static Period Next(Period p) => p.Kind switch
    {
        PeriodKind.Annual => p with { Year = p.Year + 1 },
        PeriodKind.Quarterly => p.Number == 4 ? new Period(p.Year + 1, p.Kind, 1) : p with { Number = p.Number + 1 },
        _ => p.Number == 12 ? new Period(p.Year + 1, p.Kind, 1) : p with { Number = p.Number + 1 },
    };

    /// <summary>A period code of a request, parsed where it enters; INVALID_ARGUMENT naming the field otherwise.</summary>
    public static Period Parse(string code, string field) =>
        Period.TryParse(code, out var period)
            ? period
            : throw GrpcErrors.InvalidArgument(field, "INVALID_PERIOD",
                AggregationMessages.InvalidPeriod(field, code));
}
