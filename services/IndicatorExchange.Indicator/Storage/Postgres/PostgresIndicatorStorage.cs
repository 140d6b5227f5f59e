using IndicatorExchange.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Indicator.Storage.Postgres;

/// <summary>The indicator service's stores on PostgreSQL (<c>Storage:ConnectionString</c>), migrated on first use, with a health check.</summary>
internal static class PostgresIndicatorStorage
{
    public static IHostApplicationBuilder AddPostgresIndicatorStorage(this IHostApplicationBuilder builder, string database)
    {
        builder.AddPostgresDatabase(database, typeof(PostgresIndicatorStorage).Assembly);
        builder.Services.AddSingleton<IReferenceStore>(sp => new PostgresReferenceStore(sp.GetRequiredKeyedService<PostgresDatabase>(database)));
        builder.Services.AddSingleton<IFigureStore>(sp => new PostgresFigureStore(sp.GetRequiredKeyedService<PostgresDatabase>(database)));
        return builder;
    }
}
