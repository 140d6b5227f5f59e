using IndicatorExchange.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Target.Storage.Sqlite;

/// <summary>The target service's store on SQLite: one database file, migrated on first use, with a health check.</summary>
internal static class SqliteTargetStorage
{
    public static IHostApplicationBuilder AddSqliteTargetStorage(this IHostApplicationBuilder builder, string database)
    {
        builder.AddSqliteDatabase(database, typeof(SqliteTargetStorage).Assembly);
        builder.Services.AddSingleton<ITargetStore>(sp => new SqliteTargetStore(sp.GetRequiredKeyedService<SqliteDatabase>(database)));
        return builder;
    }
}
