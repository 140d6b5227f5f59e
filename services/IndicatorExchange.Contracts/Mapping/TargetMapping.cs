using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Targets;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Contracts.Mapping;

/// <summary>A row of a targets CSV (<see cref="TargetCsv"/>) as the target service's contract states it.</summary>
public static class TargetMapping
{
    public static TargetInput ToInput(this TargetRow row) => new()
    {
        OrgUnit = row.OrgUnit,
        Indicator = row.Indicator,
        Year = row.Year,
        Kind = row.Kind.ToProto(),
        Threshold = new ProtoDecimal { Value = row.Threshold },
        Unit = row.Unit,
        Note = row.Note,
    };
}
