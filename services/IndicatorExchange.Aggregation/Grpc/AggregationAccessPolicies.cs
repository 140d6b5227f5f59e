using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Policies;

namespace IndicatorExchange.Aggregation.Grpc;

/// <summary>
/// Who may call each RPC of the aggregation service: summaries are read within the caller's subtree (a county
/// does not see its prefecture's table, which shows its neighbours); administrators rebuild.
/// </summary>
internal static class AggregationAccessPolicies
{
    private static readonly string[] Readers = [Roles.CountyReporter, Roles.PrefectureAnalyst, Roles.Administrator, Roles.Service];

    public static RpcPolicyTable Table => new RpcPolicyTable(AggregationService.Descriptor)
        .Add("GetSummary", RpcPolicy.Read(Readers).ScopedBy<GetSummaryRequest>(r => RpcPolicy.UnitOrWholeTree(r.OrgUnit)))
        .Add("WatchSummary", RpcPolicy.Read(Readers).ScopedBy<WatchSummaryRequest>(r => RpcPolicy.UnitOrWholeTree(r.OrgUnit)))
        .Add("ListSeries", RpcPolicy.Read(Readers).ScopedBy<ListSeriesRequest>(r => RpcPolicy.UnitOrWholeTree(r.OrgUnit)))
        .Add("RebuildRollups", RpcPolicy.Write(Roles.Administrator) with { LongRunning = true });
}
