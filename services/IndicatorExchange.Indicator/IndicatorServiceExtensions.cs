using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Indicator.Catalog;
using IndicatorExchange.Indicator.Demo;
using IndicatorExchange.Indicator.Feed;
using IndicatorExchange.Indicator.Grpc;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.Indicator.Submissions;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.ServiceDefaults.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Indicator;

/// <summary>Wiring of the indicator service into a host.</summary>
public static class IndicatorServiceExtensions
{
    public const string Name = "indicator";

    public static IHostApplicationBuilder AddIndicatorService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(IndicatorAccessPolicies.Table);
        builder.AddSqliteDatabase(Name, typeof(IndicatorServiceExtensions).Assembly);
        services.AddSingleton<IReferenceStore>(sp => new SqliteReferenceStore(sp.GetRequiredKeyedService<SqliteDatabase>(Name)));
        services.AddSingleton<IFigureStore>(sp => new SqliteFigureStore(sp.GetRequiredKeyedService<SqliteDatabase>(Name)));
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
