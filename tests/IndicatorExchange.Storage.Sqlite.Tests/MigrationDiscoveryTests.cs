namespace IndicatorExchange.Storage.Sqlite.Tests;

/// <summary>Which embedded scripts the SQLite engine runs: its own folder's, in version order, never another engine's.</summary>
public sealed class MigrationDiscoveryTests
{
    [Fact]
    public void Only_the_sqlite_folders_scripts_run_in_version_order()
    {
        string[] resources =
        [
            "IndicatorExchange.Indicator.Storage.Sqlite.Migrations.0002_rules.sql",
            "IndicatorExchange.Indicator.Storage.Postgres.Migrations.0001_initial.sql",
            "IndicatorExchange.Indicator.Storage.Sqlite.Migrations.0001_initial.sql",
            "IndicatorExchange.Indicator.Storage.Migrations.0003_no_engine.sql",
            "IndicatorExchange.Indicator.Storage.Sqlite.Migrations.README.md",
        ];

        var found = MigrationRunner.Discover(resources).ToList();

        Assert.Equal(["0001_initial", "0002_rules"], found.Select(m => m.Name));
        Assert.Equal([1L, 2L], found.Select(m => m.Version));
        Assert.All(found, m => Assert.Contains(".Sqlite.Migrations.", m.Resource));
    }
}
