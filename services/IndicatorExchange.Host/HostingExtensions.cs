using System.Net;
using IndicatorExchange.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Host;

/// <summary>Listening address and peer defaults for the hosted modules.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Listens with HTTP/2 (gRPC without TLS) on loopback by default, and points the peer addresses of
    /// services hosted in this process at this process.
    /// </summary>
    public static void ConfigureListener(this WebApplicationBuilder builder, IReadOnlyList<Module> modules)
    {
        var port = builder.Configuration.GetValue<int?>("Port") ?? Modules.DefaultPort(modules);
        var listen = builder.Configuration["Listen"] ?? "127.0.0.1";
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Parse(listen), port, endpoint => endpoint.Protocols = HttpProtocols.Http2));

        var self = $"http://{(listen is "0.0.0.0" or "::" ? "127.0.0.1" : listen)}:{port}";
        var defaults = new Dictionary<string, string?>();
        foreach (var peer in new[] { "Indicator", "Target" })
        {
            if (builder.Configuration[$"Peers:{peer}"] is null && modules.Any(m => m.Name.Equals(peer, StringComparison.OrdinalIgnoreCase)))
            {
                defaults[$"Peers:{peer}"] = self;
            }
        }
        builder.Configuration.AddInMemoryCollection(defaults);
    }

    public static void LogStartup(this WebApplication app, IReadOnlyList<Module> modules)
    {
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var suite = app.Services.GetRequiredService<IOptions<SuiteOptions>>().Value;
            app.Logger.LogInformation(
                "IndicatorExchange ready: {Services} on {Addresses}; data in {DataDirectory}{Demo}",
                string.Join(", ", modules.Select(m => m.Name)),
                string.Join(", ", app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
                    .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()?.Addresses ?? []),
                Path.GetFullPath(suite.DataDirectory),
                suite.LoadsDemoReference ? $"; demo data: --demo={suite.Demo}" : "");
        });
    }
}
