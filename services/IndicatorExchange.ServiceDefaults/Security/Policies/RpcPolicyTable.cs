using Google.Protobuf.Reflection;

namespace IndicatorExchange.ServiceDefaults.Security.Policies;

/// <summary>
/// The policies of one gRPC service, by method. Built from the service's descriptor so that a name that is
/// not an RPC of the service fails at start-up, and <see cref="Missing"/> lists any RPC left without one.
/// </summary>
public sealed class RpcPolicyTable(ServiceDescriptor service)
{
    private readonly Dictionary<string, RpcPolicy> _byMethod = new(StringComparer.Ordinal);

    public ServiceDescriptor Service { get; } = service;

    public IReadOnlyDictionary<string, RpcPolicy> ByFullMethod => _byMethod;

    public RpcPolicyTable Add(string method, RpcPolicy policy)
    {
        if (Service.FindMethodByName(method) is null)
        {
            throw new ArgumentException($"{Service.FullName} has no RPC named {method}.", nameof(method));
        }
        _byMethod.Add(FullMethod(Service, method), policy);
        return this;
    }

    /// <summary>The RPCs of the service that have no policy.</summary>
    public IEnumerable<string> Missing =>
        Service.Methods.Select(m => FullMethod(Service, m.Name)).Where(name => !_byMethod.ContainsKey(name));

    public static string FullMethod(ServiceDescriptor service, string method) => $"/{service.FullName}/{method}";
}
