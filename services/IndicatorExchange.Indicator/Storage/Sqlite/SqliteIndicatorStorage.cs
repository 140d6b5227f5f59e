using IndicatorExchange.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Indicator.Storage.Sqlite;

/// <summary>The indicator service's stores on SQLite: one database file, migrated on first use, with a health check.</summary>
internal static class SqliteIndicatorStorage
{
    public static IHostApplicationBuilder AddSqliteIndicatorStorage(this IHostApplicationBuilder builder, string database)
    {
        builder.AddSqliteDatabase(database, typeof(SqliteIndicatorStorage).Assembly);
        builder.Services.AddSingleton<IReferenceStore>(sp => new SqliteReferenceStore(sp.GetRequiredKeyedService<SqliteDatabase>(database)));
        builder.Services.AddSingleton<IFigureStore>(sp => new SqliteFigureStore(sp.GetRequiredKeyedService<SqliteDatabase>(database)));
        return builder;
    }
}
