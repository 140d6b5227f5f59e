using IndicatorExchange.Contracts.Access.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Policies;

namespace IndicatorExchange.Access.Grpc;

/// <summary>Who may call the AccessService.</summary>
internal static class AccessPolicies
{
    public static RpcPolicyTable Table => new RpcPolicyTable(AccessService.Descriptor)
        .Add("IssueToken", RpcPolicy.Write(Roles.Administrator))
        .Add("ListAuditRecords", RpcPolicy.Read(Roles.Administrator))
        .Add("GetCaller", RpcPolicy.AnyCaller);
}
