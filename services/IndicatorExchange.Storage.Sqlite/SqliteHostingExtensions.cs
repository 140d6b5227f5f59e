using IndicatorExchange.ServiceDefaults.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>How a service registers its SQLite database.</summary>
public static class SqliteHostingExtensions
{
    /// <summary>Registers a service's SQLite database (migrated on first use) under its name, with a health check.</summary>
    public static IHostApplicationBuilder AddSqliteDatabase(this IHostApplicationBuilder builder, string service, System.Reflection.Assembly migrations)
    {
        builder.Services.AddKeyedSingleton(service, (sp, _) =>
        {
            var database = new SqliteDatabase(sp.GetRequiredService<IOptions<SuiteOptions>>().Value.DatabasePath(service));
            // At start-up rather than at the first statement: the raw statements must run on the SQLite that SQLitePCL bound.
            SqliteNative.EnsureSqlitePclLibrary();
            MigrationRunner.Apply(database, migrations);
            return database;
        });
        StorageRegistrations.Record(builder.Services, service, StorageEngine.Sqlite);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration($"{service}-database",
            sp => new SqliteHealthCheck(sp.GetRequiredKeyedService<SqliteDatabase>(service)), failureStatus: null, tags: null));
        return builder;
    }
}
