using DomainBasis = IndicatorExchange.Domain.Rollup.GrowthBasis;
using DomainMethod = IndicatorExchange.Domain.Rollup.TotalMethod;
using ProtoBasis = IndicatorExchange.Contracts.Aggregation.V1.GrowthBasis;
using ProtoMethod = IndicatorExchange.Contracts.Aggregation.V1.TotalMethod;

namespace IndicatorExchange.Contracts.Mapping;

/// <summary>How a total and a growth rate were obtained, to and from the wire.</summary>
public static class RollupEnums
{
    /// <summary>The domain's method of a roll-up; REPORTED (a series point's own reported figure) is no roll-up and has none.</summary>
    public static DomainMethod ToDomain(this ProtoMethod value) => value switch
    {
        ProtoMethod.Sum => DomainMethod.Sum,
        ProtoMethod.WeightedMean => DomainMethod.WeightedMean,
        ProtoMethod.WeightMissing => DomainMethod.WeightMissing,
        ProtoMethod.NotAggregated => DomainMethod.NotAggregated,
        ProtoMethod.NoData => DomainMethod.NoData,
        _ => throw UnknownValue.Of(value),
    };

    public static ProtoMethod ToProto(this DomainMethod value) => value switch
    {
        DomainMethod.Sum => ProtoMethod.Sum,
        DomainMethod.WeightedMean => ProtoMethod.WeightedMean,
        DomainMethod.WeightMissing => ProtoMethod.WeightMissing,
        DomainMethod.NotAggregated => ProtoMethod.NotAggregated,
        DomainMethod.NoData => ProtoMethod.NoData,
        _ => throw UnknownValue.Of(value),
    };

    public static DomainBasis ToDomain(this ProtoBasis value) => value switch
    {
        ProtoBasis.PriorYearValue => DomainBasis.PriorYearValue,
        ProtoBasis.ReportedGrowth => DomainBasis.ReportedGrowth,
        ProtoBasis.Mixed => DomainBasis.Mixed,
        ProtoBasis.Unavailable => DomainBasis.Unavailable,
        _ => throw UnknownValue.Of(value),
    };

    public static ProtoBasis ToProto(this DomainBasis value) => value switch
    {
        DomainBasis.PriorYearValue => ProtoBasis.PriorYearValue,
        DomainBasis.ReportedGrowth => ProtoBasis.ReportedGrowth,
        DomainBasis.Mixed => ProtoBasis.Mixed,
        DomainBasis.Unavailable => ProtoBasis.Unavailable,
        _ => throw UnknownValue.Of(value),
    };
}
