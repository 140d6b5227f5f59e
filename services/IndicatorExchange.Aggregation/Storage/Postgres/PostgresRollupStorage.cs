using IndicatorExchange.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Aggregation.Storage.Postgres;

/// <summary>Registers the PostgreSQL engine behind <see cref="IRollupStore"/> (<c>Storage:ConnectionString</c>, the service's schema, migrated on first use).</summary>
internal static class PostgresRollupStorage
{
    public static IHostApplicationBuilder AddPostgresRollupStorage(this IHostApplicationBuilder builder, string databaseName)
    {
        builder.AddPostgresDatabase(databaseName, typeof(PostgresRollupStorage).Assembly);
        builder.Services.AddSingleton<IRollupStore>(sp => new PostgresRollupStore(sp.GetRequiredKeyedService<PostgresDatabase>(databaseName)));
        return builder;
    }
}
