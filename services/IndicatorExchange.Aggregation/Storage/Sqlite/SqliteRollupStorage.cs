using IndicatorExchange.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Aggregation.Storage.Sqlite;

/// <summary>Registers the SQLite engine behind <see cref="IRollupStore"/>: the database (migrated on first use), the store, and a leadership that always leads.</summary>
internal static class SqliteRollupStorage
{
    public static IHostApplicationBuilder AddSqliteRollupStorage(this IHostApplicationBuilder builder, string databaseName)
    {
        builder.AddSqliteDatabase(databaseName, typeof(SqliteRollupStorage).Assembly);
        builder.Services.AddSingleton<IRollupStore>(sp => new SqliteRollupStore(sp.GetRequiredKeyedService<SqliteDatabase>(databaseName)));
        builder.Services.AddSingleton<IRollupLeadership, SoleLeadership>();
        return builder;
    }
}
