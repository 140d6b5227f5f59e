using IndicatorExchange.Aggregation.Storage.Postgres;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Storage.Postgres;
using IndicatorExchange.Testing.Postgres;

namespace IndicatorExchange.Aggregation.Tests.Support;

/// <summary>Aggregators on PostgreSQL: each on a new database of the throwaway server, in the service's schema, migrated.</summary>
internal static class PostgresAggregators
{
    public static async Task<(Aggregator Aggregator, PostgresDatabase Database)> CreateAsync(PostgresServer server, OrgUnitTree tree,
        int keptValues = Rollups.RollupEngine.DefaultKeptValues)
    {
        var database = Open(await server.CreateDatabaseAsync("aggregation"));
        return (new Aggregator(new PostgresRollupStore(database), tree, database.DisposeAsync, keptValues), database);
    }

    /// <summary>The aggregation service's database at <paramref name="connectionString"/>, migrated (as a replica starting finds it).</summary>
    public static PostgresDatabase Open(string connectionString)
    {
        var database = new PostgresDatabase(connectionString, AggregationServiceExtensions.Name);
        PostgresMigrationRunner.Apply(database, typeof(AggregationServiceExtensions).Assembly);
        return database;
    }
}
