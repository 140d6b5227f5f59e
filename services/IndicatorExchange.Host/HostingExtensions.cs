using System.Net;
using IndicatorExchange.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Host;

/// <summary>Listening address and peer defaults for the hosted modules.</summary>
public static class HostingExtensions
{
    /// <summary>
    /// Listens with HTTP/2 on loopback by default: gRPC over TLS when a certificate is configured (Tls:Certificate),
    /// plaintext otherwise, which is refused on any address but loopback unless Tls:AllowPlaintext says the
    /// network already protects it (a service mesh). Points the peer addresses of services hosted in this process
    /// at this process.
    /// </summary>
    public static void ConfigureListener(this WebApplicationBuilder builder, IReadOnlyList<Module> modules)
    {
        var port = builder.Configuration.GetValue<int?>("Port") ?? Modules.DefaultPort(modules);
        var listen = builder.Configuration["Listen"] ?? "127.0.0.1";
        var address = IPAddress.Parse(listen);
        var certificate = ServerCertificate.Load(builder.Configuration);
        if (certificate is null && !IPAddress.IsLoopback(address) && !builder.Configuration.GetValue<bool>("Tls:AllowPlaintext"))
        {
            throw new ArgumentException(
                $"Refusing to serve plaintext on {listen}: give a certificate (--certificate=PATH) or, behind a network that encrypts for you, set Tls:AllowPlaintext=true.");
        }
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(address, port, endpoint =>
            {
                endpoint.Protocols = HttpProtocols.Http2;
                if (certificate is not null)
                {
                    endpoint.UseHttps(certificate);
                }
            }));
        if (certificate is not null)
        {
            builder.Services.Configure<ServiceDefaults.Peers.PeerOptions>(peers => peers.TrustedCertificate = certificate);
        }

        var scheme = certificate is null ? "http" : "https";
        var host = listen is "0.0.0.0" or "::" ? "127.0.0.1" : listen;
        var self = $"{scheme}://{(certificate is not null && host == "127.0.0.1" ? "localhost" : host)}:{port}";
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
            if (StorageSettings.Engine(app.Configuration) == StorageEngine.Postgres)
            {
                // PostgreSQL comes service by service (issue 23): the target and aggregation services' stores have a PostgreSQL engine so far.
                var onSqlite = modules.Select(m => m.Name).Where(m => m is not "target" and not "aggregation" and not "dashboard").Append("access").ToList();
                var services = string.Join(", ", onSqlite);
                var directory = Path.GetFullPath(suite.DataDirectory);
                app.Logger.LogWarning("{Message}",
                    $"--storage=postgres: 目前只有目标服务和汇总服务使用 PostgreSQL，{services} 仍使用 {directory} 中的 SQLite / " +
                    $"only the target and aggregation services run on PostgreSQL so far; {services} still use SQLite in {directory}");
            }
        });
    }
}
