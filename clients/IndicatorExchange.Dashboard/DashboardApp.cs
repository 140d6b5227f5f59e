using System.Net;
using IndicatorExchange.Dashboard.Components;
using IndicatorExchange.Dashboard.Data;
using IndicatorExchange.Dashboard.Export;
using MudBlazor.Services;

namespace IndicatorExchange.Dashboard;

/// <summary>
/// Builds the dashboard web application: Blazor with interactive server rendering and MudBlazor, calling the
/// services over gRPC through the client library. Used by this project's Program.cs and, in the same process,
/// by the all-in-one host.
/// </summary>
public static class DashboardApp
{
    /// <summary>The assembly name: the static web asset manifests are named after it.</summary>
    public static readonly string ApplicationName = typeof(DashboardApp).Assembly.GetName().Name!;

    /// <summary>
    /// Creates the application. <paramref name="configure"/> runs after the defaults (command line, environment,
    /// section <c>Dashboard</c>), for example to add in-memory settings.
    /// </summary>
    public static WebApplication Create(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = ApplicationName,
            // The manifests and settings sit beside the assembly, wherever the process was started from.
            ContentRootPath = AppContext.BaseDirectory,
        });
        // Static web assets (MudBlazor's css/js, blazor.web.js, app.css) resolve through the build's manifest in any
        // environment, not only in Development; a published app has them in wwwroot and no manifest, which is fine too.
        builder.WebHost.UseStaticWebAssets();
        configure?.Invoke(builder);

        var options = builder.Configuration.GetSection(DashboardOptions.Section).Get<DashboardOptions>() ?? new DashboardOptions();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            if (options.Listen is "localhost" && options.Port != 0)
            {
                kestrel.ListenLocalhost(options.Port);
            }
            else
            {
                var address = options.Listen is "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Listen);
                kestrel.Listen(address, options.Port);
            }
        });

        builder.Services.AddOptions<DashboardOptions>().Bind(builder.Configuration.GetSection(DashboardOptions.Section));
        builder.Services.AddSingleton<DashboardClientProvider>();
        builder.Services.AddSingleton<DashboardQueries>();
        builder.Services.AddMudServices();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();

        var app = builder.Build();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapSummaryExport();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }
}
