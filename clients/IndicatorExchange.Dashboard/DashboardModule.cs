using System.Net;
using IndicatorExchange.Dashboard.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace IndicatorExchange.Dashboard;

/// <summary>
/// The "dashboard" target (part of "all"): the prefecture dashboard as a second web application in this process,
/// on its own port (HTTP/1.1 for browsers; the services' port speaks HTTP/2 only), calling this process's gRPC
/// address like any other client. <c>--dashboard-port=N</c> chooses the port (default 5080); 0 disables it.
/// </summary>
public static class DashboardModule
{
    public const string Name = "dashboard";

    /// <summary>The dashboard's web port unless <c>--dashboard-port</c> says otherwise.</summary>
    public const int DefaultDashboardPort = 5080;

    /// <summary>The token the demo writes for a prefecture analyst, relative to the data directory.</summary>
    public static readonly string DemoTokenFile = Path.Combine("tokens", "prefecture-654000.jwt");

    /// <summary>The port the process listens on when it hosts the dashboard alone (<c>--target=dashboard</c>).</summary>
    public const int DefaultPort = 5104;

    /// <summary>
    /// Adds the dashboard to a suite process, started once it listens; hosted alone (<c>--target=dashboard</c>) it needs
    /// <c>Dashboard:*Address</c> pointing at the services.
    /// </summary>
    public static void AddDashboardModule(this IHostApplicationBuilder builder) => builder.Services.AddHostedService<DashboardHostedService>();
}

/// <summary>Starts the dashboard once this process listens (it needs the gRPC address), stops it with the process.</summary>
internal sealed class DashboardHostedService(
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    IServer server,
    ILogger<DashboardHostedService> logger) : IHostedService
{
    private WebApplication? _dashboard;
    private Task _starting = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var port = configuration.GetValue<int?>("DashboardPort") ?? DashboardModule.DefaultDashboardPort;
        if (port == 0)
        {
            logger.LogInformation("Dashboard disabled (--dashboard-port=0)");
            return Task.CompletedTask;
        }
        lifetime.ApplicationStarted.Register(() => _starting = StartDashboardAsync(port));
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _starting;
        if (_dashboard is not null)
        {
            await _dashboard.StopAsync(cancellationToken);
            await _dashboard.DisposeAsync();
        }
    }

    private async Task StartDashboardAsync(int port)
    {
        if (SelfAddress() is null && configuration["Dashboard:AggregationAddress"] is null)
        {
            // An in-process test server (WebApplicationFactory) has no network address for the dashboard to call.
            logger.LogInformation("Dashboard not started: this server has no network address (a test server)");
            return;
        }
        try
        {
            var settings = Settings(port);
            _dashboard = DashboardApp.Create([], builder => builder.Configuration.AddInMemoryCollection(settings));
            await _dashboard.StartAsync(lifetime.ApplicationStopping);
            var host = settings["Dashboard:Listen"] is "localhost" ? "localhost" : settings["Dashboard:Listen"];
            logger.LogInformation("Dashboard ready: http://{Host}:{Port} (services at {Address})", host, port, settings["Dashboard:AggregationAddress"]);
        }
        catch (IOException exception) when (exception.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            _dashboard = null;
            logger.LogError("Dashboard not started: port {Port} is in use. Choose another with --dashboard-port=N, or 0 to disable it. The services keep running.", port);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _dashboard = null;
            logger.LogError(exception, "Dashboard not started; the services keep running.");
        }
    }

    /// <summary>The host's "Dashboard" section, completed with this process's address, the listen address and the demo token file.</summary>
    private Dictionary<string, string?> Settings(int port)
    {
        var settings = configuration.GetSection(DashboardOptions.Section).AsEnumerable()
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
        var self = SelfAddress() ?? "http://127.0.0.1:5100";
        foreach (var key in new[] { "AggregationAddress", "IndicatorAddress", "TargetAddress" })
        {
            settings.TryAdd($"Dashboard:{key}", self);
        }
        settings["Dashboard:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var listen = configuration["Listen"] ?? "127.0.0.1";
        settings.TryAdd("Dashboard:Listen", IPAddress.TryParse(listen, out var address) && IPAddress.IsLoopback(address) ? "localhost" : listen);
        if (!settings.ContainsKey("Dashboard:Token") && !settings.ContainsKey("Dashboard:TokenFile"))
        {
            // The demo writes a prefecture analyst's token there; used when (and as soon as) the file exists.
            settings["Dashboard:TokenFile"] = Path.GetFullPath(Path.Combine(configuration["DataDirectory"] ?? "data", DashboardModule.DemoTokenFile));
            settings["Dashboard:TokenFileOptional"] = "true";
        }
        return settings;
    }

    /// <summary>This process's gRPC address (a wildcard bind is called on loopback); null when it has none (a test server).</summary>
    private string? SelfAddress()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        return address?.Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://[::]:", "://127.0.0.1:", StringComparison.Ordinal)
            .Replace("://+:", "://127.0.0.1:", StringComparison.Ordinal);
    }
}
