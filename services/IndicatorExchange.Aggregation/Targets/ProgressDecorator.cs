using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Targets;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;
using ProtoTarget = IndicatorExchange.Contracts.Target.V1.Target;
using TargetProgress = IndicatorExchange.Contracts.Aggregation.V1.TargetProgress;

namespace IndicatorExchange.Aggregation.Targets;

/// <summary>Adds progress against the targets of the period's year to a summary row and its children (rules: Domain/Targets).</summary>
internal sealed class ProgressDecorator(TargetCache targets)
{
    /// <summary>The target-feed sequence the progress reflects.</summary>
    public long Sequence => targets.Sequence;

    public void Decorate(SummaryRow row, string orgUnit, Period period, IndicatorDefinition indicator)
    {
        row.TargetProgress.AddRange(Progress(orgUnit, period, indicator, Number(row.Total), Number(row.GrowthPct), row.Unit));
        foreach (var child in row.Children)
        {
            child.TargetProgress.AddRange(Progress(child.OrgUnit, period, indicator, Number(child.Value), Number(child.GrowthPct), row.Unit));
        }
    }

    private IEnumerable<TargetProgress> Progress(string orgUnit, Period period, IndicatorDefinition indicator, decimal? value, decimal? growth, string unit) =>
        targets.For(orgUnit, indicator.Code, period.Year)
            .OrderBy(t => t.Definition.Kind)
            .Select(target => ToProto(target, TargetProgressCalculator.Evaluate(ToDomain(target), period, indicator.Accumulation, value, growth), unit));

    private static AnnualTarget ToDomain(ProtoTarget target) => new(
        target.Definition.Kind.ToDomain(),
        target.NormalisedThreshold.ToDecimal(),
        target.Definition.Milestones.Count == 4 ? target.Definition.Milestones.Select(m => m.ToDecimal()).ToList() : null);

    private static TargetProgress ToProto(ProtoTarget target, Domain.Targets.TargetProgress progress, string unit) => new()
    {
        Kind = target.Definition.Kind,
        Threshold = target.NormalisedThreshold,
        Unit = progress.Target.IsValue ? unit : "%",
        Status = progress.Status.ToProto(),
        CompletionPct = ProtoDecimal.FromNullable(progress.CompletionPct),
        MilestonePct = ProtoDecimal.FromNullable(progress.MilestonePct),
        GapPoints = ProtoDecimal.FromNullable(progress.GapPoints),
        Margin = ProtoDecimal.FromNullable(progress.Margin),
        Rule = progress.Rule,
    };

    private static decimal? Number(ProtoDecimal? value) => value is not null && DecimalText.TryParse(value.Value, out var number) ? number : null;
}
