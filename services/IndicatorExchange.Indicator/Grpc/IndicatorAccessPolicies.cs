using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Policies;

namespace IndicatorExchange.Indicator.Grpc;

/// <summary>
/// Who may call each RPC of the indicator service. Reference data is readable by every caller; the catalog and
/// the tree are changed by administrators; periods are suite-wide, so an analyst manages them only when the
/// whole tree is theirs; figures are written by reporters for their own subtree and read within the caller's.
/// </summary>
internal static class IndicatorAccessPolicies
{
    private static readonly string[] FigureReaders = [Roles.CountyReporter, Roles.PrefectureAnalyst, Roles.Administrator, Roles.Service];

    public static RpcPolicyTable Table => new RpcPolicyTable(IndicatorService.Descriptor)
        .Add("ListIndicators", RpcPolicy.AnyCaller)
        .Add("GetIndicator", RpcPolicy.AnyCaller)
        .Add("CreateIndicator", RpcPolicy.Write(Roles.Administrator))
        .Add("UpdateIndicator", RpcPolicy.Write(Roles.Administrator))
        .Add("ListOrgUnits", RpcPolicy.AnyCaller)
        .Add("GetOrgUnit", RpcPolicy.AnyCaller)
        .Add("CreateOrgUnit", RpcPolicy.Write(Roles.Administrator))
        .Add("UpdateOrgUnit", RpcPolicy.Write(Roles.Administrator))
        .Add("ListPeriods", RpcPolicy.AnyCaller)
        .Add("OpenPeriod", RpcPolicy.Write(Roles.PrefectureAnalyst, Roles.Administrator).WholeTree())
        .Add("ClosePeriod", RpcPolicy.Write(Roles.PrefectureAnalyst, Roles.Administrator).WholeTree())
        .Add("SubmitFigures", RpcPolicy.Write(Roles.CountyReporter).ScopedBy<SubmitFiguresRequest>(r => [r.OrgUnit]))
        .Add("UploadFigures", RpcPolicy.Write(Roles.CountyReporter)
            .ScopedBy<UploadFiguresRequest>(r => r.PartCase == UploadFiguresRequest.PartOneofCase.Batch ? [r.Batch.OrgUnit] : []))
        .Add("ListFigures", RpcPolicy.Read(FigureReaders).ScopedBy<ListFiguresRequest>(r => RpcPolicy.UnitOrWholeTree(r.OrgUnit)))
        .Add("GetFigureHistory", RpcPolicy.Read(FigureReaders).ScopedBy<GetFigureHistoryRequest>(r => [r.OrgUnit]))
        .Add("ListFigureRevisions", RpcPolicy.Read(FigureReaders).ScopedBy<ListFigureRevisionsRequest>(r => RpcPolicy.UnitOrWholeTree(r.OrgUnit)))
        .Add("WatchChanges", RpcPolicy.Read(FigureReaders).FilteredBy<WatchChangesResponse>(KeepInScope));

    /// <summary>
    /// The changes in the caller's scope. A message left empty is dropped, unless it was the last one pending: then
    /// it goes out empty, so that a consumer waiting for what was announced learns that nothing more follows.
    /// </summary>
    private static WatchChangesResponse? KeepInScope(WatchChangesResponse response, Func<string, bool> inScope)
    {
        var kept = new WatchChangesResponse { MorePending = response.MorePending };
        kept.Changes.AddRange(response.Changes.Where(c => inScope(c.Figure.OrgUnit)));
        return kept.Changes.Count == 0 && response.MorePending ? null : kept;
    }
}
