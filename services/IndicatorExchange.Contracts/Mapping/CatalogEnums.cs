using DomainAccumulation = IndicatorExchange.Domain.Catalog.Accumulation;
using DomainAggregation = IndicatorExchange.Domain.Catalog.AggregationRule;
using DomainLevel = IndicatorExchange.Domain.Catalog.OrgUnitLevel;
using DomainPeriodKind = IndicatorExchange.Domain.Periods.PeriodKind;
using ProtoAccumulation = IndicatorExchange.Contracts.Indicator.V1.Accumulation;
using ProtoAggregation = IndicatorExchange.Contracts.Indicator.V1.Aggregation;
using ProtoLevel = IndicatorExchange.Contracts.Indicator.V1.OrgUnitLevel;
using ProtoPeriodKind = IndicatorExchange.Contracts.Common.V1.PeriodKind;

namespace IndicatorExchange.Contracts.Mapping;

/// <summary>The catalog's enums (accumulation, roll-up rule, org-unit level, period kind) to and from the wire.</summary>
public static class CatalogEnums
{
    public static DomainAccumulation ToDomain(this ProtoAccumulation value) => value switch
    {
        ProtoAccumulation.YearToDate => DomainAccumulation.YearToDate,
        ProtoAccumulation.Period => DomainAccumulation.Period,
        ProtoAccumulation.Stock => DomainAccumulation.Stock,
        _ => throw UnknownValue.Of(value),
    };

    public static ProtoAccumulation ToProto(this DomainAccumulation value) => value switch
    {
        DomainAccumulation.YearToDate => ProtoAccumulation.YearToDate,
        DomainAccumulation.Period => ProtoAccumulation.Period,
        DomainAccumulation.Stock => ProtoAccumulation.Stock,
        _ => throw UnknownValue.Of(value),
    };

    public static DomainAggregation ToDomain(this ProtoAggregation value) => value switch
    {
        ProtoAggregation.Sum => DomainAggregation.Sum,
        ProtoAggregation.WeightedMean => DomainAggregation.WeightedMean,
        ProtoAggregation.Rate => DomainAggregation.Rate,
        ProtoAggregation.None => DomainAggregation.None,
        _ => throw UnknownValue.Of(value),
    };

    public static ProtoAggregation ToProto(this DomainAggregation value) => value switch
    {
        DomainAggregation.Sum => ProtoAggregation.Sum,
        DomainAggregation.WeightedMean => ProtoAggregation.WeightedMean,
        DomainAggregation.Rate => ProtoAggregation.Rate,
        DomainAggregation.None => ProtoAggregation.None,
        _ => throw UnknownValue.Of(value),
    };

    public static DomainLevel ToDomain(this ProtoLevel value) => value switch
    {
        ProtoLevel.Nation => DomainLevel.Nation,
        ProtoLevel.Province => DomainLevel.Province,
        ProtoLevel.Prefecture => DomainLevel.Prefecture,
        ProtoLevel.County => DomainLevel.County,
        _ => throw UnknownValue.Of(value),
    };

    public static ProtoLevel ToProto(this DomainLevel value) => value switch
    {
        DomainLevel.Nation => ProtoLevel.Nation,
        DomainLevel.Province => ProtoLevel.Province,
        DomainLevel.Prefecture => ProtoLevel.Prefecture,
        DomainLevel.County => ProtoLevel.County,
        _ => throw UnknownValue.Of(value),
    };

    public static DomainPeriodKind ToDomain(this ProtoPeriodKind value) => value switch
    {
        ProtoPeriodKind.Annual => DomainPeriodKind.Annual,
        ProtoPeriodKind.Quarterly => DomainPeriodKind.Quarterly,
        ProtoPeriodKind.Monthly => DomainPeriodKind.Monthly,
        _ => throw UnknownValue.Of(value),
    };

    public static ProtoPeriodKind ToProto(this DomainPeriodKind value) => value switch
    {
        DomainPeriodKind.Annual => ProtoPeriodKind.Annual,
        DomainPeriodKind.Quarterly => ProtoPeriodKind.Quarterly,
        DomainPeriodKind.Monthly => ProtoPeriodKind.Monthly,
        _ => throw UnknownValue.Of(value),
    };
}
