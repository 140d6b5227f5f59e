using IndicatorExchange.ServiceDefaults.Security.Audit;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Access.Audit.Sqlite;

/// <summary>The audit trail on SQLite: its own file (audit.db) in the data directory, migrated on first use, with a health check.</summary>
internal static class SqliteAuditStorage
{
    public static IHostApplicationBuilder AddSqliteAuditTrail(this IHostApplicationBuilder builder)
    {
        builder.AddSqliteDatabase(SqliteAuditTrail.DatabaseName, typeof(SqliteAuditStorage).Assembly);
        builder.Services.AddSingleton<IAuditTrail>(sp => new SqliteAuditTrail(sp.GetRequiredKeyedService<SqliteDatabase>(SqliteAuditTrail.DatabaseName)));
        return builder;
    }
}
