using IndicatorExchange.ServiceDefaults.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Storage.Postgres;

/// <summary>How a service registers its PostgreSQL database.</summary>
public static class PostgresHostingExtensions
{
    /// <summary>
    /// Registers a service's PostgreSQL database (from <c>Storage:ConnectionString</c>, in the schema named as the service,
    /// migrated on first use) under its name, with a health check. A missing connection string stops the start (<see cref="StorageConfigurationException"/>).
    /// </summary>
    public static IHostApplicationBuilder AddPostgresDatabase(this IHostApplicationBuilder builder, string service, System.Reflection.Assembly migrations)
    {
        var connectionString = builder.Configuration[StorageSettings.ConnectionStringKey];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new StorageConfigurationException(
                $"{service}: 使用 PostgreSQL 需要连接字符串 (--connection-string 或 {StorageSettings.ConnectionStringKey}) / " +
                $"PostgreSQL storage needs a connection string (--connection-string or {StorageSettings.ConnectionStringKey}).");
        }
        builder.Services.AddKeyedSingleton(service, (_, _) =>
        {
            var database = new PostgresDatabase(connectionString, service);
            PostgresMigrationRunner.Apply(database, migrations);
            return database;
        });
        StorageRegistrations.Record(builder.Services, service, StorageEngine.Postgres);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration($"{service}-database",
            sp => new PostgresHealthCheck(sp.GetRequiredKeyedService<PostgresDatabase>(service)), failureStatus: null, tags: null));
        return builder;
    }
}
