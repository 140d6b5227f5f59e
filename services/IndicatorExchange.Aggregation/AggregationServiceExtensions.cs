using IndicatorExchange.Aggregation.Feed;
using IndicatorExchange.Aggregation.Grpc;
using IndicatorExchange.Aggregation.Rollups;
using IndicatorExchange.Aggregation.Storage.Postgres;
using IndicatorExchange.Aggregation.Storage.Sqlite;
using IndicatorExchange.Aggregation.Summaries;
using IndicatorExchange.Aggregation.Targets;
using IndicatorExchange.ServiceDefaults.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Aggregation;

/// <summary>Wiring of the aggregation service into a host.</summary>
public static class AggregationServiceExtensions
{
    public const string Name = "aggregation";

    /// <summary>
    /// The figures as received, the rollups and the feed cursor: not copied between engines, since the service rebuilds them
    /// from the indicator service's change feed (its cursor starts at 0 in an empty schema).
    /// </summary>
    public static StoredData Data { get; } = new(Name, Name, typeof(AggregationServiceExtensions).Assembly, RebuiltFromFeeds: true);

    public static IHostApplicationBuilder AddAggregationService(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton(AggregationAccessPolicies.Table);
        // Storage:Provider (--storage): SQLite by default, or PostgreSQL; an unknown name stops the start.
        switch (StorageSettings.Engine(builder.Configuration))
        {
            case StorageEngine.Postgres:
                // Several replicas may share the database: one leads, the others serve reads and hear its commits.
                builder.AddPostgresRollupStorage(Name, ChangeFeedConsumer.FeedName);
                services.AddHostedService<StandbyRefresh>();
                break;
            default:
                builder.AddSqliteRollupStorage(Name);
                break;
        }
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FeedProgress>();
        services.AddSingleton<FeedControl>();
        services.AddSingleton<RollupSignal>();
        services.AddSingleton<RollupEngine>();
        services.AddSingleton<TargetCache>();
        services.AddHostedService(sp => sp.GetRequiredService<TargetCache>());
        services.AddSingleton<ProgressDecorator>();
        services.AddSingleton<SummaryBuilder>();
        services.AddHostedService<ChangeFeedConsumer>();
        return builder;
    }

    public static IEndpointRouteBuilder MapAggregationService(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGrpcService<AggregationGrpcService>();
        return endpoints;
    }
}
