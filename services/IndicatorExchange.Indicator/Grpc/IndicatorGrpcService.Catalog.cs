using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Indicator.Catalog;
using IndicatorExchange.Indicator.Messages;
using IndicatorExchange.ServiceDefaults.Errors;

namespace IndicatorExchange.Indicator.Grpc;

internal sealed partial class IndicatorGrpcService
{
    public override async Task<ListIndicatorsResponse> ListIndicators(ListIndicatorsRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        // Keyed by position then code (the store's order), so that a page token stays correct across the report order.
        var (page, next) = Page(reference.Indicators, ReportOrderKey, request.PageToken, request.PageSize, i => i.ToProto());
        return new ListIndicatorsResponse { Indicators = { page }, NextPageToken = next };
    }

    public override async Task<GetIndicatorResponse> GetIndicator(GetIndicatorRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        return reference.IndicatorsByCode.TryGetValue(request.Code, out var indicator)
            ? new GetIndicatorResponse { Indicator = indicator.ToProto() }
            : throw GrpcErrors.NotFound("INDICATOR_NOT_FOUND", IndicatorMessages.IndicatorNotFound(request.Code));
    }

    public override async Task<ListOrgUnitsResponse> ListOrgUnits(ListOrgUnitsRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        var units = string.IsNullOrEmpty(request.ParentCode) ? reference.OrgUnits : reference.Tree.ChildrenOf(request.ParentCode);
        var (page, next) = Page(units, u => u.Code, request.PageToken, request.PageSize, u => u.ToProto());
        return new ListOrgUnitsResponse { OrgUnits = { page }, NextPageToken = next };
    }

    public override async Task<GetOrgUnitResponse> GetOrgUnit(GetOrgUnitRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        return reference.Tree.TryGet(request.Code, out var unit)
            ? new GetOrgUnitResponse { OrgUnit = unit.ToProto() }
            : throw GrpcErrors.NotFound("ORG_UNIT_NOT_FOUND", IndicatorMessages.OrgUnitNotFound(request.Code));
    }

    public override async Task<CreateIndicatorResponse> CreateIndicator(CreateIndicatorRequest request, ServerCallContext context)
    {
        var indicator = CatalogEdits.NewIndicator(request, await CurrentReferenceAsync(context.CancellationToken));
        if (!await referenceData.Store.TryCreateIndicatorAsync(indicator, context.CancellationToken))
        {
            throw CatalogEdits.IndicatorExists(indicator.Code);
        }
        referenceData.Invalidate();
        return new CreateIndicatorResponse { Indicator = await StoredIndicatorAsync(indicator, context.CancellationToken) };
    }

    public override async Task<UpdateIndicatorResponse> UpdateIndicator(UpdateIndicatorRequest request, ServerCallContext context)
    {
        await CatalogWrites.WaitAsync(context.CancellationToken);
        try
        {
            var indicator = CatalogEdits.UpdatedIndicator(request, await CurrentReferenceAsync(context.CancellationToken));
            await referenceData.Store.UpsertIndicatorsAsync([indicator], context.CancellationToken);
            referenceData.Invalidate();
            return new UpdateIndicatorResponse { Indicator = await StoredIndicatorAsync(indicator, context.CancellationToken) };
        }
        finally
        {
            CatalogWrites.Release();
        }
    }

    public override async Task<CreateOrgUnitResponse> CreateOrgUnit(CreateOrgUnitRequest request, ServerCallContext context)
    {
        // Only the units it names, as stored now: reloading the whole reference data for each new unit made loading a
        // national tree (3,212 units, one call each) quadratic.
        var named = await referenceData.Store.FindOrgUnitsAsync(OrgUnitValidator.CodesNamed(request.OrgUnit), context.CancellationToken);
        var unit = CatalogEdits.NewOrgUnit(request, named);
        if (!await referenceData.Store.TryCreateOrgUnitAsync(unit, context.CancellationToken))
        {
            throw CatalogEdits.OrgUnitExists(unit.Code);
        }
        referenceData.Invalidate();
        return new CreateOrgUnitResponse { OrgUnit = unit.ToProto() };
    }

    public override async Task<UpdateOrgUnitResponse> UpdateOrgUnit(UpdateOrgUnitRequest request, ServerCallContext context)
    {
        await CatalogWrites.WaitAsync(context.CancellationToken);
        try
        {
            var unit = CatalogEdits.UpdatedOrgUnit(request, await CurrentReferenceAsync(context.CancellationToken));
            await referenceData.Store.UpsertOrgUnitsAsync([unit], context.CancellationToken);
            referenceData.Invalidate();
            return new UpdateOrgUnitResponse { OrgUnit = unit.ToProto() };
        }
        finally
        {
            CatalogWrites.Release();
        }
    }

    /// <summary>
    /// Serialises this process's catalog updates: each reads the stored definition, applies the mask and
    /// writes the whole definition back, so two at once could lose one's change.
    /// </summary>
    private static readonly SemaphoreSlim CatalogWrites = new(1, 1);

    /// <summary>
    /// The reference data as stored now, not as cached: an admin write checks codes, parents and weights,
    /// and rewrites whole definitions, against what another process may have written seconds ago.
    /// </summary>
    private async Task<ReferenceData.Snapshot> CurrentReferenceAsync(CancellationToken cancellationToken)
    {
        referenceData.Invalidate();
        return await referenceData.GetAsync(cancellationToken);
    }

    /// <summary>The position of an indicator in the listing, as a page key: report order (zero-padded), then code.</summary>
    private static string ReportOrderKey(Domain.Catalog.IndicatorDefinition indicator) =>
        indicator.ReportOrder.ToString("D10", System.Globalization.CultureInfo.InvariantCulture) + "/" + indicator.Code;

    /// <summary>The indicator as written: with the position the store gave it when it was sent without one.</summary>
    private async Task<Contracts.Indicator.V1.Indicator> StoredIndicatorAsync(Domain.Catalog.IndicatorDefinition written, CancellationToken cancellationToken)
    {
        if (written.ReportOrder > 0)
        {
            return written.ToProto();
        }
        var reference = await referenceData.GetAsync(cancellationToken);
        return (reference.IndicatorsByCode.TryGetValue(written.Code, out var stored) ? stored : written).ToProto();
    }
}
