using Grpc.Core;
using IndicatorExchange.Aggregation.Summaries;
using IndicatorExchange.Contracts.Aggregation.V1;

namespace IndicatorExchange.Aggregation.Grpc;

/// <summary>The AggregationService endpoints.</summary>
public sealed class AggregationGrpcService(SummaryBuilder summaries) : AggregationService.AggregationServiceBase
{
    public override async Task<GetSummaryResponse> GetSummary(GetSummaryRequest request, ServerCallContext context) =>
        new() { Summary = await summaries.BuildAsync(request.OrgUnit, request.Period, request.Indicators, context.CancellationToken) };
}
