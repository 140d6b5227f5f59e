using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Peers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.ServiceDefaults.Hosting;

/// <summary>What every process of the suite has, whichever services it hosts.</summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SuiteOptions>(builder.Configuration);
        builder.Services.Configure<PeerOptions>(builder.Configuration.GetSection(PeerOptions.Section));
        builder.Services.AddSingleton<PeerChannels>();
        builder.Services.AddGrpc(options =>
        {
            options.Interceptors.Add<UnhandledErrorInterceptor>();
            options.MaxReceiveMessageSize = 64 * 1024 * 1024;
        });
        builder.Services.AddGrpcReflection();
        builder.Services.AddGrpcHealthChecks();
        return builder;
    }

    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
