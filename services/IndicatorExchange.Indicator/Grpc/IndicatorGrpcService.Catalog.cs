using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Errors;

namespace IndicatorExchange.Indicator.Grpc;

public sealed partial class IndicatorGrpcService
{
    public override async Task<ListIndicatorsResponse> ListIndicators(ListIndicatorsRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        var (page, next) = Page(reference.Indicators, i => i.Code, request.PageToken, request.PageSize);
        return new ListIndicatorsResponse { Indicators = { page.Select(i => i.ToProto()) }, NextPageToken = next };
    }

    public override async Task<GetIndicatorResponse> GetIndicator(GetIndicatorRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        return reference.IndicatorsByCode.TryGetValue(request.Code, out var indicator)
            ? new GetIndicatorResponse { Indicator = indicator.ToProto() }
            : throw GrpcErrors.NotFound("INDICATOR_NOT_FOUND", $"指标不存在 / indicator '{request.Code}' not found");
    }

    public override async Task<ListOrgUnitsResponse> ListOrgUnits(ListOrgUnitsRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        var units = string.IsNullOrEmpty(request.ParentCode) ? reference.OrgUnits : reference.Tree.ChildrenOf(request.ParentCode);
        var (page, next) = Page(units, u => u.Code, request.PageToken, request.PageSize);
        return new ListOrgUnitsResponse { OrgUnits = { page.Select(u => u.ToProto()) }, NextPageToken = next };
    }

    public override async Task<GetOrgUnitResponse> GetOrgUnit(GetOrgUnitRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        return reference.Tree.TryGet(request.Code, out var unit)
            ? new GetOrgUnitResponse { OrgUnit = unit.ToProto() }
            : throw GrpcErrors.NotFound("ORG_UNIT_NOT_FOUND", $"单位不存在 / org unit '{request.Code}' not found");
    }
}
