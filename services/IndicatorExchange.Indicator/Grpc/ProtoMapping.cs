using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Indicator.Storage;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Indicator.Grpc;

/// <summary>
/// This service's storage records to their protobuf messages. Indicators, org units and the enums are mapped once,
/// beside the contracts (<see cref="Contracts.Mapping.CatalogMapping"/>).
/// </summary>
public static class ProtoMapping
{
    public static ReportingPeriod ToProto(this PeriodRecord period) => new()
    {
        Code = period.Code,
        State = period.IsOpen ? PeriodState.Open : PeriodState.Closed,
        Deadline = Time(period.Deadline),
        OpenedAt = Time(period.OpenedAt),
        ClosedAt = period.ClosedAt is null ? null : Time(period.ClosedAt),
    };

    public static Figure ToProto(this StoredFigure figure)
    {
        var message = new Figure
        {
            OrgUnit = figure.OrgUnit,
            Period = figure.Period,
            Indicator = figure.Indicator,
            Sent = new Quantity { Value = new ProtoDecimal { Value = figure.SentValue }, Unit = figure.SentUnit },
            Value = new Quantity { Value = new ProtoDecimal { Value = figure.Value }, Unit = figure.Unit },
            YoyGrowthPct = figure.YoyGrowthPct is null ? null : new ProtoDecimal { Value = figure.YoyGrowthPct },
            Status = (FigureStatus)figure.Status,
            Note = figure.Note,
            Revision = figure.Revision,
            Sequence = figure.Sequence,
            ReceivedAt = Time(figure.ReceivedAt),
            SubmittedBy = figure.SubmittedBy,
            RequestId = figure.RequestId,
            ReplacesSequence = figure.ReplacesSequence ?? 0,
        };
        message.Warnings.AddRange(figure.ReadWarnings().Select(w => new QualityWarning { Rule = w.Rule, Message = w.Message, Confirmed = w.Confirmed }));
        return message;
    }

    private static Timestamp Time(string iso) => Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture));
}
