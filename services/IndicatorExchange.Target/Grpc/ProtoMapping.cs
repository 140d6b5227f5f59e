using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Target.Storage;
using IndicatorExchange.Target.Submissions;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;
using ProtoTarget = IndicatorExchange.Contracts.Target.V1.Target;

namespace IndicatorExchange.Target.Grpc;

/// <summary>Storage records to their protobuf messages.</summary>
internal static class ProtoMapping
{
    public static ProtoTarget ToProto(this StoredTarget target)
    {
        var definition = new TargetInput
        {
            OrgUnit = target.OrgUnit,
            Indicator = target.Indicator,
            Year = target.Year,
            Kind = TargetKinds.Parse(target.Kind),
            Threshold = new ProtoDecimal { Value = target.Threshold },
            Unit = target.Unit,
            Note = target.Note,
        };
        if (target.Milestones.Length > 0)
        {
            definition.Milestones.AddRange(target.Milestones.Split(',').Select(m => new ProtoDecimal { Value = m }));
        }
        return new ProtoTarget
        {
            Definition = definition,
            Revision = target.Revision,
            UpdatedAt = Timestamp.FromDateTimeOffset(DateTimeOffset.Parse(target.SetAt, CultureInfo.InvariantCulture)),
            NormalisedThreshold = new ProtoDecimal { Value = target.NormalisedThreshold ?? target.Threshold },
            CanonicalUnit = target.CanonicalUnit ?? target.Unit,
            Sequence = target.Sequence,
            SetBy = target.SetBy,
            RequestId = target.RequestId,
            Reason = target.Reason,
        };
    }
}
