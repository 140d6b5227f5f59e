using IndicatorExchange.Target.Demo;
using IndicatorExchange.Target.Feed;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.Target.Grpc;
using IndicatorExchange.Target.Storage.Postgres;
using IndicatorExchange.Target.Storage.Sqlite;
using IndicatorExchange.Target.Submissions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Target;

/// <summary>Wiring of the target service into a host.</summary>
public static class TargetServiceExtensions
{
    public const string Name = "target";

    /// <summary>The targets with their revisions and the request ids: copied between engines.</summary>
    public static StoredData Data { get; } = new(Name, Name, typeof(TargetServiceExtensions).Assembly, RebuiltFromFeeds: false);

    public static IHostApplicationBuilder AddTargetService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(TargetAccessPolicies.Table);
        // Storage:Provider (--storage): SQLite by default, or PostgreSQL; an unknown name stops the start.
        switch (StorageSettings.Engine(builder.Configuration))
        {
            case StorageEngine.Postgres:
                builder.AddPostgresTargetStorage(Name);
                break;
            default:
                builder.AddSqliteTargetStorage(Name);
                break;
        }
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
