using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.Storage.Sqlite;
using IndicatorExchange.Target.Demo;
using IndicatorExchange.Target.Feed;
using IndicatorExchange.Target.Grpc;
using IndicatorExchange.Target.Storage;
using IndicatorExchange.Target.Submissions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Target;

/// <summary>Wiring of the target service into a host.</summary>
public static class TargetServiceExtensions
{
    public const string Name = "target";

    public static IHostApplicationBuilder AddTargetService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TargetAccessPolicies.Table);
        builder.AddSqliteDatabase(Name, typeof(TargetServiceExtensions).Assembly);
        services.AddSingleton<ITargetStore>(sp => new SqliteTargetStore(sp.GetRequiredKeyedService<SqliteDatabase>(Name)));
        services.AddSingleton<TargetSignal>();
        services.AddSingleton<TargetSetter>();
        services.AddHostedService<TargetDemoLoader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapTargetService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<TargetGrpcService>();
        return endpoints;
    }
}
