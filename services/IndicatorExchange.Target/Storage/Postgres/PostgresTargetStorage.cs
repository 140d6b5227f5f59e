using IndicatorExchange.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Target.Storage.Postgres;

/// <summary>The target service's store on PostgreSQL (<c>Storage:ConnectionString</c>), migrated on first use, with a health check.</summary>
internal static class PostgresTargetStorage
{
    public static IHostApplicationBuilder AddPostgresTargetStorage(this IHostApplicationBuilder builder, string database)
    {
        builder.AddPostgresDatabase(database, typeof(PostgresTargetStorage).Assembly);
        builder.Services.AddSingleton<ITargetStore>(sp => new PostgresTargetStore(sp.GetRequiredKeyedService<PostgresDatabase>(database)));
        return builder;
    }
}
