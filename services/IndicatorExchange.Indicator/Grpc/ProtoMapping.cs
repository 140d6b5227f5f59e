using System.Globalization;
using System.Text.Json;
using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Units;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.Indicator.Submissions;
using DomainAccumulation = IndicatorExchange.Domain.Catalog.Accumulation;
using DomainLevel = IndicatorExchange.Domain.Catalog.OrgUnitLevel;
using DomainPeriodKind = IndicatorExchange.Domain.Periods.PeriodKind;
using ProtoAccumulation = IndicatorExchange.Contracts.Indicator.V1.Accumulation;
using ProtoAggregation = IndicatorExchange.Contracts.Indicator.V1.Aggregation;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;
using ProtoLevel = IndicatorExchange.Contracts.Indicator.V1.OrgUnitLevel;

namespace IndicatorExchange.Indicator.Grpc;

/// <summary>Domain and storage records to and from their protobuf messages.</summary>
public static class ProtoMapping
{
    public static Contracts.Indicator.V1.Indicator ToProto(this IndicatorDefinition indicator)
    {
        var message = new Contracts.Indicator.V1.Indicator
        {
            Code = indicator.Code,
            NameZh = indicator.NameZh,
            NameEn = indicator.NameEn,
            Unit = indicator.Unit,
            Accumulation = ToProto(indicator.Accumulation),
            Aggregation = ToProto(indicator.Aggregation),
            WeightIndicator = indicator.WeightIndicator ?? "",
            DisplayPrecision = indicator.DisplayPrecision,
            Description = indicator.Description,
            MinValue = ProtoDecimal.FromNullable(indicator.MinValue),
            MaxValue = ProtoDecimal.FromNullable(indicator.MaxValue),
            MaxYoyChangePct = ProtoDecimal.FromNullable(indicator.MaxYoyChangePct),
            MaxRevisionChangePct = ProtoDecimal.FromNullable(indicator.MaxRevisionChangePct),
            JanFebCombined = indicator.JanFebCombined,
            ReportOrder = indicator.ReportOrder,
        };
        message.Periodicities.AddRange(indicator.Periodicities.Select(ToProto));
        if (UnitTable.TryGet(indicator.Unit, out var unit))
        {
            message.Dimension = CatalogText.Name(unit.Dimension);
            message.AcceptedUnits.AddRange(UnitTable.SameDimension(unit));
        }
        return message;
    }

    public static OrgUnit ToProto(this OrgUnitDefinition unit) => new()
    {
        Code = unit.Code,
        NameZh = unit.NameZh,
        NameEn = unit.NameEn,
        Level = unit.Level switch
        {
            DomainLevel.Nation => ProtoLevel.Nation,
            DomainLevel.Province => ProtoLevel.Province,
            DomainLevel.Prefecture => ProtoLevel.Prefecture,
            _ => ProtoLevel.County,
        },
        ParentCode = unit.ParentCode ?? "",
        ValidFrom = FormatDate(unit.ValidFrom),
        ClosedOn = FormatDate(unit.ClosedOn),
        MergedInto = unit.MergedInto ?? "",
    };

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

    /// <summary>The catalog fields of a proto indicator, unchecked (the caller validates).</summary>
    public static IndicatorDefinition ToDomain(this Contracts.Indicator.V1.Indicator indicator) =>
        new(indicator.Code, indicator.NameZh, indicator.NameEn, indicator.Unit,
            indicator.Accumulation switch
            {
                ProtoAccumulation.Period => DomainAccumulation.Period,
                ProtoAccumulation.Stock => DomainAccumulation.Stock,
                _ => DomainAccumulation.YearToDate,
            },
            indicator.Aggregation switch
            {
                ProtoAggregation.WeightedMean => AggregationRule.WeightedMean,
                ProtoAggregation.Rate => AggregationRule.Rate,
                ProtoAggregation.None => AggregationRule.None,
                _ => AggregationRule.Sum,
            },
            indicator.WeightIndicator.Length == 0 ? null : indicator.WeightIndicator,
            indicator.DisplayPrecision,
            indicator.Description)
        {
            Periodicities = indicator.Periodicities.Count == 0
                ? IndicatorDefinition.DefaultPeriodicities
                : indicator.Periodicities.Select(ToDomain).Distinct().Order().ToList(),
            MinValue = indicator.MinValue is { } min && min.TryToDecimal(out var minValue) ? minValue : null,
            MaxValue = indicator.MaxValue is { } max && max.TryToDecimal(out var maxValue) ? maxValue : null,
            MaxYoyChangePct = indicator.MaxYoyChangePct is { } yoy && yoy.TryToDecimal(out var yoyValue) ? yoyValue : null,
            MaxRevisionChangePct = indicator.MaxRevisionChangePct is { } revision && revision.TryToDecimal(out var revisionValue) ? revisionValue : null,
            JanFebCombined = indicator.JanFebCombined,
            ReportOrder = indicator.ReportOrder,
        };

    /// <summary>The fields of a proto org unit, unchecked (the caller validates the dates with <see cref="TryParseDate"/>).</summary>
    public static OrgUnitDefinition ToDomain(this OrgUnit unit) =>
        new(unit.Code, unit.NameZh, unit.NameEn,
            unit.Level switch
            {
                ProtoLevel.Nation => DomainLevel.Nation,
                ProtoLevel.Province => DomainLevel.Province,
                ProtoLevel.Prefecture => DomainLevel.Prefecture,
                _ => DomainLevel.County,
            },
            unit.ParentCode.Length == 0 ? null : unit.ParentCode)
        {
            ValidFrom = TryParseDate(unit.ValidFrom, out var from) ? from : null,
            ClosedOn = TryParseDate(unit.ClosedOn, out var closed) ? closed : null,
            MergedInto = unit.MergedInto.Length == 0 ? null : unit.MergedInto,
        };

    public static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static PeriodKind ToProto(DomainPeriodKind kind) => kind switch
    {
        DomainPeriodKind.Annual => PeriodKind.Annual,
        DomainPeriodKind.Quarterly => PeriodKind.Quarterly,
        _ => PeriodKind.Monthly,
    };

    private static DomainPeriodKind ToDomain(PeriodKind kind) => kind switch
    {
        PeriodKind.Quarterly => DomainPeriodKind.Quarterly,
        PeriodKind.Monthly => DomainPeriodKind.Monthly,
        _ => DomainPeriodKind.Annual,
    };

    private static ProtoAccumulation ToProto(DomainAccumulation accumulation) => accumulation switch
    {
        DomainAccumulation.YearToDate => ProtoAccumulation.YearToDate,
        DomainAccumulation.Period => ProtoAccumulation.Period,
        _ => ProtoAccumulation.Stock,
    };

    private static ProtoAggregation ToProto(AggregationRule rule) => rule switch
    {
        AggregationRule.Sum => ProtoAggregation.Sum,
        AggregationRule.WeightedMean => ProtoAggregation.WeightedMean,
        AggregationRule.Rate => ProtoAggregation.Rate,
        _ => ProtoAggregation.None,
    };

    private static string FormatDate(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static Timestamp Time(string iso) => Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture));
}
