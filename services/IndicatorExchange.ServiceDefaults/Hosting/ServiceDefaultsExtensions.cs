using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Peers;
using IndicatorExchange.ServiceDefaults.Security;
using IndicatorExchange.ServiceDefaults.Security.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.ServiceDefaults.Hosting;

/// <summary>What every process of the suite has, whichever services it hosts.</summary>
public static class ServiceDefaultsExtensions
{
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SuiteOptions>(builder.Configuration);
        builder.Services.Configure<PeerOptions>(builder.Configuration.GetSection(PeerOptions.Section));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddPeerClient();
        builder.AddSuiteSecurity();
        var limits = builder.Configuration.GetSection(LimitOptions.Section).Get<LimitOptions>() ?? new LimitOptions();
        builder.Services.AddGrpc(options =>
        {
            // The access interceptor runs first, so that it sees (and audits) the final outcome of every call.
            options.Interceptors.Add<AccessInterceptor>();
            options.Interceptors.Add<UnhandledErrorInterceptor>();
            options.MaxReceiveMessageSize = limits.MaxMessageBytes;
        });
        builder.Services.AddGrpcReflection();
        // The gRPC health service reports UNKNOWN without a registered check; "process" says the host is up,
        // and each service adds a check of its database (AddSqliteDatabase).
        builder.Services.AddSingleton<StartupTasks>();
        builder.Services.AddGrpcHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy())
            .Add(new HealthCheckRegistration("startup", sp => sp.GetRequiredService<StartupTasks>(), failureStatus: null, tags: null));
        // Last, after everything that registers gRPC's own binder: a request that cannot be parsed is INVALID_ARGUMENT.
        MalformedMessageGuard<object>.Register(builder.Services);
        return builder;
    }

    public static IEndpointRouteBuilder MapDefaultEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcHealthChecksService();
        endpoints.MapGrpcReflectionService();
        return endpoints;
    }
}
