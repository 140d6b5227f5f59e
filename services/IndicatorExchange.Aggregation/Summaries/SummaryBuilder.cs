using IndicatorExchange.Aggregation.Feed;
using IndicatorExchange.Aggregation.Reference;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;
using IndicatorExchange.ServiceDefaults.Errors;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;
using ProtoGrowthBasis = IndicatorExchange.Contracts.Aggregation.V1.GrowthBasis;
using ProtoTotalMethod = IndicatorExchange.Contracts.Aggregation.V1.TotalMethod;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>Builds a summary of an org unit for a period from the aggregator's figures and the catalog.</summary>
public sealed class SummaryBuilder(CatalogClient catalogClient, IRollupStore store, FeedProgress progress)
{
    public async Task<Summary> BuildAsync(string orgUnit, string periodCode, IReadOnlyList<string> requestedIndicators, CancellationToken cancellationToken)
    {
        if (!Period.TryParse(periodCode, out var period))
        {
            throw GrpcErrors.InvalidArgument("period", "INVALID_PERIOD",
                $"报告期格式应为 2023、2023Q3 或 2023M09 / period '{periodCode}' is not a code like 2023, 2023Q3 or 2023M09");
        }
        var catalog = await catalogClient.GetAsync(cancellationToken);
        if (!catalog.Tree.TryGet(orgUnit, out _) || requestedIndicators.Any(code => !catalog.IndicatorsByCode.ContainsKey(code)))
        {
            catalog = await catalogClient.GetAsync(cancellationToken, forceRefresh: true);
        }
        if (!catalog.Tree.TryGet(orgUnit, out _))
        {
            throw GrpcErrors.NotFound("ORG_UNIT_NOT_FOUND", $"单位不存在 / org unit '{orgUnit}' not found");
        }
        var unknown = requestedIndicators.Select((code, i) => (code, i)).Where(x => !catalog.IndicatorsByCode.ContainsKey(x.code)).ToList();
        if (unknown.Count > 0)
        {
            throw GrpcErrors.InvalidArgument("UNKNOWN_INDICATOR", "指标代码不在目录中 / unknown indicator code(s)",
                unknown.Select(x => new FieldProblem($"indicators[{x.i}]", "UNKNOWN_INDICATOR", $"'{x.code}' is not in the catalog")));
        }

        var asOf = progress.Sequence;
        var priorPeriod = period.PriorYear().ToString();
        var rows = await store.ReadAsync([period.ToString(), priorPeriod], [], cancellationToken);
        var evaluator = new NodeEvaluator(catalog.Tree, catalog.IndicatorsByCode, new FigureIndex(rows));

        var indicators = requestedIndicators.Count > 0
            ? requestedIndicators.Distinct().Select(code => catalog.IndicatorsByCode[code])
            : catalog.Indicators.Where(i => rows.Any(r => r.Indicator == i.Code && r.Period == period.ToString()));
        var summary = new Summary { OrgUnit = orgUnit, Period = period.ToString(), AsOfSequence = asOf };
        foreach (var indicator in indicators)
        {
            var (result, children, missing) = evaluator.RollUp(orgUnit, indicator, period.ToString(), priorPeriod);
            if (result.Method == Domain.Rollup.TotalMethod.NoData && requestedIndicators.Count == 0)
            {
                continue; // reported somewhere else in the tree, not below this unit
            }
            var row = new SummaryRow
            {
                Indicator = indicator.Code,
                NameZh = indicator.NameZh,
                NameEn = indicator.NameEn,
                Unit = indicator.Unit,
                Total = ProtoDecimal.FromNullable(result.Total),
                TotalMethod = ToProto(result.Method),
                Partial = missing.Count > 0 || children.Values.Any(c => c.Partial),
                GrowthPct = ProtoDecimal.FromNullable(result.GrowthPct),
                GrowthBasis = ToProto(result.GrowthBasis),
                ExpectedCount = evaluator.ExpectedChildren(orgUnit, period.ToString()).Count(),
                ReportedCount = children.Count,
            };
            row.MissingOrgUnits.AddRange(missing);
            row.Children.AddRange(result.Children.Select(child => ToProto(child, children[child.OrgUnit], catalog)));
            summary.Rows.Add(row);
        }
        return summary;
    }

    private static ChildFigure ToProto(ChildResult child, NodeValue node, CatalogClient.Snapshot catalog) => new()
    {
        OrgUnit = child.OrgUnit,
        NameZh = catalog.Tree.TryGet(child.OrgUnit, out var unit) ? unit.NameZh : "",
        Value = ProtoDecimal.From(child.Value),
        GrowthPct = ProtoDecimal.FromNullable(child.GrowthPct),
        GrowthBasis = ToProto(child.Basis),
        SharePct = ProtoDecimal.FromNullable(child.SharePct),
        PullPoints = ProtoDecimal.FromNullable(child.PullPoints),
        ContributionPct = ProtoDecimal.FromNullable(child.ContributionPct),
        RankByValue = child.RankByValue,
        RankByGrowth = child.RankByGrowth,
        Status = (FigureStatus)node.Status,
        Partial = node.Partial,
    };

    private static ProtoTotalMethod ToProto(Domain.Rollup.TotalMethod method) => method switch
    {
        Domain.Rollup.TotalMethod.Sum => ProtoTotalMethod.Sum,
        Domain.Rollup.TotalMethod.WeightedMean => ProtoTotalMethod.WeightedMean,
        Domain.Rollup.TotalMethod.WeightMissing => ProtoTotalMethod.WeightMissing,
        Domain.Rollup.TotalMethod.NotAggregated => ProtoTotalMethod.NotAggregated,
        _ => ProtoTotalMethod.NoData,
    };

    private static ProtoGrowthBasis ToProto(Domain.Rollup.GrowthBasis basis) => basis switch
    {
        Domain.Rollup.GrowthBasis.PriorYearValue => ProtoGrowthBasis.PriorYearValue,
        Domain.Rollup.GrowthBasis.ReportedGrowth => ProtoGrowthBasis.ReportedGrowth,
        Domain.Rollup.GrowthBasis.Mixed => ProtoGrowthBasis.Mixed,
        _ => ProtoGrowthBasis.Unavailable,
    };
}
