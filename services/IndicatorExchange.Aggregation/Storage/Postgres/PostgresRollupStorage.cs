using IndicatorExchange.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IndicatorExchange.Aggregation.Storage.Postgres;

/// <summary>
/// Registers the PostgreSQL engine behind <see cref="IRollupStore"/> (<c>Storage:ConnectionString</c>, the service's schema,
/// migrated on first use): the store, fenced by the leadership among the replicas (an advisory lock and an epoch on the
/// feed's cursor row), and the leader's commits as the standbys hear them.
/// </summary>
internal static class PostgresRollupStorage
{
    public static IHostApplicationBuilder AddPostgresRollupStorage(this IHostApplicationBuilder builder, string databaseName, string feed)
    {
        builder.AddPostgresDatabase(databaseName, typeof(PostgresRollupStorage).Assembly);
        var services = builder.Services;
        services.AddSingleton(sp => new PostgresLeadership(
            sp.GetRequiredKeyedService<PostgresDatabase>(databaseName), feed, sp.GetService<ILogger<PostgresLeadership>>()));
        services.AddSingleton<IRollupLeadership>(sp => sp.GetRequiredService<PostgresLeadership>());
        services.AddSingleton<IRollupStore>(sp => new PostgresRollupStore(
            sp.GetRequiredKeyedService<PostgresDatabase>(databaseName), sp.GetRequiredService<PostgresLeadership>()));
        services.AddSingleton<IRollupCommits>(sp => new PostgresRollupCommits(
            sp.GetRequiredKeyedService<PostgresDatabase>(databaseName), sp.GetRequiredService<PostgresLeadership>(), sp.GetService<ILogger<PostgresRollupCommits>>()));
        return builder;
    }
}
