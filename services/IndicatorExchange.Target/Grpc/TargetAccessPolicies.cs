using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Policies;

namespace IndicatorExchange.Target.Grpc;

/// <summary>Who may call each RPC of the target service: analysts set the targets of their subtree, administrators any.</summary>
internal static class TargetAccessPolicies
{
    private static readonly string[] Readers = [Roles.CountyReporter, Roles.PrefectureAnalyst, Roles.Administrator, Roles.Service];

    public static RpcPolicyTable Table => new RpcPolicyTable(TargetService.Descriptor)
        .Add("SetTargets", RpcPolicy.Write(Roles.PrefectureAnalyst, Roles.Administrator)
            .ScopedBy<SetTargetsRequest>(r => r.Targets.Select(t => t.OrgUnit).Distinct().ToList()))
        .Add("ListTargets", RpcPolicy.Read(Readers).ScopedBy<ListTargetsRequest>(r => RpcPolicy.UnitOrWholeTree(r.OrgUnit)))
        .Add("GetTargetHistory", RpcPolicy.Read(Readers).ScopedBy<GetTargetHistoryRequest>(r => [r.OrgUnit]))
        .Add("WatchTargets", RpcPolicy.Read(Readers).FilteredBy<WatchTargetsResponse>(KeepInScope));

    private static WatchTargetsResponse? KeepInScope(WatchTargetsResponse response, Func<string, bool> inScope)
    {
        var kept = new WatchTargetsResponse();
        kept.Targets.AddRange(response.Targets.Where(t => inScope(t.Definition.OrgUnit)));
        return kept.Targets.Count == 0 ? null : kept;
    }
}
