namespace IndicatorExchange.ServiceDefaults.Security.Policies;

/// <summary>
/// Every policy of the services hosted in this process. A method without a policy is refused
/// (PERMISSION_DENIED), never let through; a table that leaves an RPC without a policy stops the start-up.
/// </summary>
public sealed class RpcPolicyRegistry
{
    private static readonly string[] AnonymousServices = ["/grpc.health.v1.Health/", "/grpc.reflection.v1alpha.ServerReflection/", "/grpc.reflection.v1.ServerReflection/"];
    private readonly Dictionary<string, RpcPolicy> _policies = new(StringComparer.Ordinal);

    public RpcPolicyRegistry(IEnumerable<RpcPolicyTable> tables)
    {
        foreach (var table in tables)
        {
            var missing = table.Missing.ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException($"RPCs without an access policy: {string.Join(", ", missing)}.");
            }
            foreach (var (method, policy) in table.ByFullMethod)
            {
                _policies[method] = policy;
            }
        }
    }

    public IReadOnlyDictionary<string, RpcPolicy> Policies => _policies;

    public RpcPolicy? Find(string fullMethod) =>
        _policies.TryGetValue(fullMethod, out var policy) ? policy
        : AnonymousServices.Any(prefix => fullMethod.StartsWith(prefix, StringComparison.Ordinal)) ? RpcPolicy.Anonymous
        : null;
}
