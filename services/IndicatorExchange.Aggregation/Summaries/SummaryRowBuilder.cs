using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>Turns a node's roll-up of one indicator into the SummaryRow the contract describes.</summary>
internal static class SummaryRowBuilder
{
    public static SummaryRow Build(NodeEvaluator evaluator, string orgUnit, IndicatorDefinition indicator, Period period)
    {
        var rollup = evaluator.RollUp(orgUnit, indicator, period);
        var result = rollup.Result;
        var counts = new StatusCounts();
        foreach (var child in rollup.Children.Values)
        {
            counts.Preliminary += child.Status == (int)FigureStatus.Preliminary ? 1 : 0;
            counts.Reported += child.Status == (int)FigureStatus.Reported ? 1 : 0;
            counts.Final += child.Status == (int)FigureStatus.Final ? 1 : 0;
            counts.WithOpenWarnings += child.HasOpenWarnings ? 1 : 0;
            counts.OnTime += child.Late ? 0 : 1;
            counts.Late += child.Late ? 1 : 0;
        }
        var row = new SummaryRow
        {
            Indicator = indicator.Code,
            NameZh = indicator.NameZh,
            NameEn = indicator.NameEn,
            Unit = indicator.Unit,
            Total = ProtoDecimal.FromNullable(result.Total),
            TotalMethod = result.Method.ToProto(),
            Partial = rollup.Partial,
            GrowthPct = ProtoDecimal.FromNullable(result.GrowthPct),
            GrowthBasis = result.GrowthBasis.ToProto(),
            ExpectedCount = rollup.Expected,
            ReportedCount = rollup.ReportedCount,
            StatusCounts = counts,
        };
        row.MissingOrgUnits.AddRange(rollup.Missing);
        AddWeightPeriods(row.WeightPeriods, period, result.Sums?.WeightPeriods ?? 0);
        foreach (var child in result.Children)
        {
            var figure = ToProto(child, rollup.Children[child.OrgUnit], evaluator.Tree);
            AddWeightPeriods(figure.WeightPeriods, period, child.WeightPeriods);
            row.Children.Add(figure);
        }
        return row;
    }

    private static void AddWeightPeriods(Google.Protobuf.Collections.RepeatedField<string> to, Period period, int mask)
    {
        foreach (var weightPeriod in WeightPeriods.OfMask(period, mask))
        {
            to.Add(weightPeriod.ToString());
        }
    }

    private static ChildFigure ToProto(ChildResult child, NodeValue node, OrgUnitTree tree) => new()
    {
        OrgUnit = child.OrgUnit,
        NameZh = tree.TryGet(child.OrgUnit, out var unit) ? unit.NameZh : "",
        Value = ProtoDecimal.From(child.Value),
        GrowthPct = ProtoDecimal.FromNullable(child.GrowthPct),
        GrowthBasis = child.Basis.ToProto(),
        SharePct = ProtoDecimal.FromNullable(child.SharePct),
        PullPoints = ProtoDecimal.FromNullable(child.PullPoints),
        ContributionPct = ProtoDecimal.FromNullable(child.ContributionPct),
        RankByValue = child.RankByValue,
        RankByGrowth = child.RankByGrowth,
        Status = (FigureStatus)node.Status,
        Partial = node.Partial,
        HasOpenWarnings = node.HasOpenWarnings,
        Late = node.Late,
        FirstReceivedAt = node.FirstReceivedAt is { } first ? Timestamp.FromDateTimeOffset(first) : null,
    };
}
