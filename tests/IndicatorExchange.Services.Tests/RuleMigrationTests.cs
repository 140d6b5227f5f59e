using Dapper;
using IndicatorExchange.Domain.Validation;
using IndicatorExchange.Indicator;
using IndicatorExchange.Indicator.Storage.Sqlite;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Services.Tests;

/// <summary>Migration 0003 gives a database seeded with the earlier default rules the rules added since, once.</summary>
public sealed class RuleMigrationTests : IDisposable
{
    private static readonly string[] Added = ["CUMULATIVE_EXCEEDS_NEXT", "REVISION_CHANGE_TOO_LARGE"];
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ix-rule-migration-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_database_seeded_before_gets_the_new_rules_and_a_new_one_gets_each_rule_once()
    {
        var database = new SqliteDatabase(_path);
        MigrationRunner.Apply(database, typeof(IndicatorServiceExtensions).Assembly);
        var store = new SqliteReferenceStore(database);
        // As a database of before migration 0003: seeded with the earlier defaults, without the column.
        Assert.True(await store.SeedRulesAsync(DefaultRules.All.Where(r => !Added.Contains(r.Code)), CancellationToken.None));
        using (var connection = database.Open())
        {
            connection.Execute("DELETE FROM schema_migrations WHERE version = 3; ALTER TABLE indicators DROP COLUMN max_revision_change_pct;");
        }

        Assert.Contains("0003_revision_threshold_neighbour_rules", MigrationRunner.Apply(database, typeof(IndicatorServiceExtensions).Assembly));

        var codes = (await store.ListRulesAsync(CancellationToken.None)).Select(r => r.Code).ToList();
        Assert.Equal(DefaultRules.All.Select(r => r.Code).Order(StringComparer.Ordinal), codes.Order(StringComparer.Ordinal));
        Assert.All(await store.ListRulesAsync(CancellationToken.None), rule => CompiledRule.Compile(rule));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }
}
