using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Indicator.Catalog;
using IndicatorExchange.Indicator.Demo;
using IndicatorExchange.Indicator.Feed;
using IndicatorExchange.Indicator.Grpc;
using IndicatorExchange.Indicator.Storage.Postgres;
using IndicatorExchange.Indicator.Storage.Sqlite;
using IndicatorExchange.Indicator.Submissions;
using IndicatorExchange.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Indicator;

/// <summary>Wiring of the indicator service into a host.</summary>
public static class IndicatorServiceExtensions
{
    public const string Name = "indicator";

    /// <summary>The catalog, org units, periods, rules, figures with their revisions and the request ids: copied between engines.</summary>
    public static StoredData Data { get; } = new(Name, Name, typeof(IndicatorServiceExtensions).Assembly, RebuiltFromFeeds: false);

    public static IHostApplicationBuilder AddIndicatorService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(IndicatorAccessPolicies.Table);
        // Storage:Provider (--storage): SQLite by default, or PostgreSQL; an unknown name stops the start.
        switch (StorageSettings.Engine(builder.Configuration))
        {
            case StorageEngine.Postgres:
                builder.AddPostgresIndicatorStorage(Name);
                break;
            default:
                builder.AddSqliteIndicatorStorage(Name);
                break;
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ReferenceData>();
        // Modules hosted in this process read the catalog from here, in-process; the peer source over gRPC is for the others.
        services.Replace(ServiceDescriptor.Singleton<ICatalogSource, LocalCatalogSource>());
        services.AddSingleton<ChangeSignal>();
        services.AddSingleton<FigureSubmitter>();
        services.AddHostedService<IndicatorDemoLoader>();
        return builder;
    }

    public static IEndpointRouteBuilder MapIndicatorService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<IndicatorGrpcService>();
        return endpoints;
    }
}
