using DomainKind = IndicatorExchange.Domain.Targets.TargetKind;
using DomainStatus = IndicatorExchange.Domain.Targets.ProgressStatus;
using ProtoKind = IndicatorExchange.Contracts.Target.V1.TargetKind;
using ProtoStatus = IndicatorExchange.Contracts.Aggregation.V1.ProgressStatus;

namespace IndicatorExchange.Contracts.Mapping;

/// <summary>Target kinds and progress statuses to and from the wire.</summary>
public static class TargetEnums
{
    public static DomainKind ToDomain(this ProtoKind value) => value switch
    {
        ProtoKind.GrowthAtLeast => DomainKind.GrowthAtLeast,
        ProtoKind.ValueAtLeast => DomainKind.ValueAtLeast,
        ProtoKind.ValueAtMost => DomainKind.ValueAtMost,
        ProtoKind.RateAtLeast => DomainKind.RateAtLeast,
        ProtoKind.RateAtMost => DomainKind.RateAtMost,
        _ => throw UnknownValue.Of(value),
    };

    public static ProtoKind ToProto(this DomainKind value) => value switch
    {
        DomainKind.GrowthAtLeast => ProtoKind.GrowthAtLeast,
        DomainKind.ValueAtLeast => ProtoKind.ValueAtLeast,
        DomainKind.ValueAtMost => ProtoKind.ValueAtMost,
        DomainKind.RateAtLeast => ProtoKind.RateAtLeast,
        DomainKind.RateAtMost => ProtoKind.RateAtMost,
        _ => throw UnknownValue.Of(value),
    };

    public static DomainStatus ToDomain(this ProtoStatus value) => value switch
    {
        ProtoStatus.NotReported => DomainStatus.NotReported,
        ProtoStatus.Behind => DomainStatus.Behind,
        ProtoStatus.OnTrack => DomainStatus.OnTrack,
        ProtoStatus.Ahead => DomainStatus.Ahead,
        ProtoStatus.Achieved => DomainStatus.Achieved,
        _ => throw UnknownValue.Of(value),
    };

    public static ProtoStatus ToProto(this DomainStatus value) => value switch
    {
        DomainStatus.NotReported => ProtoStatus.NotReported,
        DomainStatus.Behind => ProtoStatus.Behind,
        DomainStatus.OnTrack => ProtoStatus.OnTrack,
        DomainStatus.Ahead => ProtoStatus.Ahead,
        DomainStatus.Achieved => ProtoStatus.Achieved,
        _ => throw UnknownValue.Of(value),
    };
}
