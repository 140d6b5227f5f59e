using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace IndicatorExchange.Client;

/// <summary>
/// An address naming several replicas of one service, comma-separated (<c>http://a:5101,http://b:5101</c>): one channel
/// over all of them through gRPC's client-side <c>pick_first</c> balancer on a static list, which keeps to the first
/// replica that answers and moves to the next when its connection fails. A call cut by the failure ends UNAVAILABLE and
/// is retried or re-opened as with one address, and then reaches a replica that answers.
/// </summary>
internal static class ReplicaAddresses
{
    /// <summary>The addresses of <paramref name="address"/> (one or several, comma-separated).</summary>
    public static IReadOnlyList<string> Split(string address) =>
        address.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A channel over the replicas at <paramref name="addresses"/> (all http:// or all https://).</summary>
    public static GrpcChannel Channel(IReadOnlyList<string> addresses, GrpcChannelOptions options)
    {
        var replicas = addresses.Select(a => new Uri(a)).ToList();
        var services = new ServiceCollection();
        services.AddSingleton<ResolverFactory>(new StaticResolverFactory(_ => replicas.Select(u => new BalancerAddress(u.Host, u.Port))));
        options.ServiceProvider = services.BuildServiceProvider();
        options.Credentials = replicas[0].Scheme == Uri.UriSchemeHttps ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
        options.ServiceConfig ??= new ServiceConfig();
        options.ServiceConfig.LoadBalancingConfigs.Add(new PickFirstConfig());
        return GrpcChannel.ForAddress("static:///replicas", options);
    }
}
