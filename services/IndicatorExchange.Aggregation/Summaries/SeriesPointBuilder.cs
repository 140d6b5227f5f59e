using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>One period of a series: a leaf's own figure, or a node's roll-up over its children.</summary>
internal static class SeriesPointBuilder
{
    public static SeriesPoint Build(NodeEvaluator evaluator, string orgUnit, IndicatorDefinition indicator, Period period)
    {
        var point = new SeriesPoint { Period = period.ToString() };
        if (evaluator.Tree.IsLeaf(orgUnit))
        {
            if (evaluator.Evaluate(orgUnit, indicator, period) is { } own)
            {
                var growth = GrowthBase.Of(new ChildInput(orgUnit, own.Value, own.GrowthPct, own.PriorYearValue));
                point.Value = ProtoDecimal.From(own.Value);
                point.TotalMethod = Contracts.Aggregation.V1.TotalMethod.Reported;
                point.GrowthPct = ProtoDecimal.FromNullable(growth.GrowthPct is { } g ? Domain.Numbers.DecimalText.RoundComputed(g) : null);
                point.GrowthBasis = growth.Basis.ToProto();
            }
            else
            {
                point.TotalMethod = Contracts.Aggregation.V1.TotalMethod.NoData;
                point.GrowthBasis = Contracts.Aggregation.V1.GrowthBasis.Unavailable;
            }
            return point;
        }
        var rollup = evaluator.RollUp(orgUnit, indicator, period);
        point.Value = ProtoDecimal.FromNullable(rollup.Result.Total);
        point.TotalMethod = rollup.Result.Method.ToProto();
        point.GrowthPct = ProtoDecimal.FromNullable(rollup.Result.GrowthPct);
        point.GrowthBasis = rollup.Result.GrowthBasis.ToProto();
        point.Partial = rollup.Partial;
        point.ExpectedCount = rollup.Expected;
        point.ReportedCount = rollup.ReportedCount;
        return point;
    }
}
