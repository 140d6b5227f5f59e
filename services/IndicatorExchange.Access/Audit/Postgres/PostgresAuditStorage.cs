using IndicatorExchange.ServiceDefaults.Security.Audit;
using IndicatorExchange.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Access.Audit.Postgres;

/// <summary>The audit trail on PostgreSQL (<c>Storage:ConnectionString</c>, schema <c>access</c>), migrated on first use, with a health check.</summary>
internal static class PostgresAuditStorage
{
    public const string Schema = "access";

    public static IHostApplicationBuilder AddPostgresAuditTrail(this IHostApplicationBuilder builder)
    {
        builder.AddPostgresDatabase(Schema, typeof(PostgresAuditStorage).Assembly);
        builder.Services.AddSingleton<IAuditTrail>(sp => new PostgresAuditTrail(sp.GetRequiredKeyedService<PostgresDatabase>(Schema)));
        return builder;
    }
}
