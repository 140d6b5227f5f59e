using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Units;
using IndicatorExchange.Indicator.Storage;
using ProtoAccumulation = IndicatorExchange.Contracts.Indicator.V1.Accumulation;
using ProtoOrgUnitLevel = IndicatorExchange.Contracts.Indicator.V1.OrgUnitLevel;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Indicator.Grpc;

/// <summary>Domain and storage records to and from their protobuf messages.</summary>
internal static class ProtoMapping
{
    public static Contracts.Indicator.V1.Indicator ToProto(this IndicatorDefinition indicator)
    {
        var message = new Contracts.Indicator.V1.Indicator
        {
            Code = indicator.Code,
            NameZh = indicator.NameZh,
            NameEn = indicator.NameEn,
            Unit = indicator.Unit,
            Accumulation = indicator.Accumulation switch
            {
                Domain.Catalog.Accumulation.YearToDate => ProtoAccumulation.YearToDate,
                Domain.Catalog.Accumulation.Period => ProtoAccumulation.Period,
                _ => ProtoAccumulation.Stock,
            },
            Aggregation = indicator.Aggregation switch
            {
                AggregationRule.Sum => Aggregation.Sum,
                AggregationRule.WeightedMean => Aggregation.WeightedMean,
                AggregationRule.Rate => Aggregation.Rate,
                _ => Aggregation.None,
            },
            WeightIndicator = indicator.WeightIndicator ?? "",
            DisplayPrecision = indicator.DisplayPrecision,
            Description = indicator.Description,
        };
        if (UnitTable.TryGet(indicator.Unit, out var unit))
        {
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
            Domain.Catalog.OrgUnitLevel.Nation => ProtoOrgUnitLevel.Nation,
            Domain.Catalog.OrgUnitLevel.Province => ProtoOrgUnitLevel.Province,
            Domain.Catalog.OrgUnitLevel.Prefecture => ProtoOrgUnitLevel.Prefecture,
            _ => ProtoOrgUnitLevel.County,
        },
        ParentCode = unit.ParentCode ?? "",
    };

    public static Figure ToProto(this StoredFigure figure) => new()
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
        ReceivedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(figure.ReceivedAt, CultureInfo.InvariantCulture)),
        SubmittedBy = figure.SubmittedBy,
        RequestId = figure.RequestId,
    };
}
