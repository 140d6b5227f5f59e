using Dapper;
using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>
/// Migrations 0003 and 0004 re-key the figures and the summary rows by period, indicator and org unit without losing or
/// changing any; 0005 replaces the stored summary rows by node values, to be recomputed from those figures.
/// </summary>
public sealed class FiguresMigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ix-migration-tests-{Guid.NewGuid():N}.db");

    [Fact]
    public void Figures_and_summary_rows_stored_before_the_new_keys_keep_every_column()
    {
        var database = new SqliteDatabase(_path);
        var assembly = typeof(AggregationServiceExtensions).Assembly;
        using (var connection = database.Open())
        {
            // The database as the two earlier migrations left it, with two figures in it.
            EarlierSchema.Apply(connection, "0001_initial", "0002_revisions_rollups");
            connection.Execute("""
                INSERT INTO figures (org_unit, indicator, period, value, yoy_growth_pct, status, revision, sequence, received_at, first_received_at, open_warnings)
                VALUES ('654002', 'GDP', '2022', '348.2', '0.6', 2, 3, 17, '2023-01-20T08:00:00.0000000+00:00', '2023-01-10T08:00:00.0000000+00:00', 1),
                       ('654025', 'GDP', '2022', '133.61', NULL, 1, 1, 9, '2023-01-12T08:00:00.0000000+00:00', '2023-01-12T08:00:00.0000000+00:00', 0);
                INSERT INTO rollups (org_unit, period, indicator, row) VALUES ('654000', '2022', 'GDP', x'0A03474450'), ('650000', '2022', 'GDP', x'0A');
                """);
        }

        Assert.Equal(["0003_figures_by_period", "0004_rollups_by_period", "0005_node_values"], MigrationRunner.Apply(database, assembly));

        using var after = database.Open();
        var rows = after.Query<(string, string, string, string, string?, long, long, long, string, string, long)>("""
            SELECT org_unit, indicator, period, value, yoy_growth_pct, status, revision, sequence, received_at, first_received_at, open_warnings
            FROM figures ORDER BY org_unit
            """).ToList();
        Assert.Equal(
            [
                ("654002", "GDP", "2022", "348.2", "0.6", 2L, 3L, 17L, "2023-01-20T08:00:00.0000000+00:00", "2023-01-10T08:00:00.0000000+00:00", 1L),
                ("654025", "GDP", "2022", "133.61", null, 1L, 1L, 9L, "2023-01-12T08:00:00.0000000+00:00", "2023-01-12T08:00:00.0000000+00:00", 0L),
            ],
            rows);
        // The key leads with the period and the indicator, so that a pair's figures are one range of the table.
        var key = after.Query<(string Name, long Pk)>("SELECT name, pk FROM pragma_table_info('figures') WHERE pk > 0 ORDER BY pk").Select(c => c.Name);
        Assert.Equal(["period", "indicator", "org_unit"], key);
        Assert.Empty(after.Query<string>("SELECT name FROM sqlite_master WHERE type = 'index' AND name = 'figures_period'"));

        // The summary rows are gone; the node values that replace them are recomputed from the figures before the feed is followed.
        Assert.Empty(after.Query<string>("SELECT name FROM sqlite_master WHERE name = 'rollups'"));
        Assert.Equal(0, after.QuerySingle<long>("SELECT count(*) FROM node_values"));
        Assert.Single(after.Query<string>("SELECT reason FROM recomputation_pending"));
        // Unique by period, indicator and org unit, in a table with a rowid, with an index for reading one org unit's values.
        var unique = after.QuerySingle<string>("SELECT name FROM pragma_index_list('node_values') WHERE origin = 'u'");
        Assert.Equal(["period", "indicator", "org_unit"], after.Query<string>($"SELECT name FROM pragma_index_info('{unique}') ORDER BY seqno"));
        Assert.Equal(["org_unit", "period", "indicator"], after.Query<string>("SELECT name FROM pragma_index_info('node_values_org_unit') ORDER BY seqno"));
    }

    [Fact]
    public void A_database_without_figures_has_no_recomputation_pending_after_the_migrations()
    {
        var database = new SqliteDatabase(_path);
        MigrationRunner.Apply(database, typeof(AggregationServiceExtensions).Assembly);
        using var connection = database.Open();
        Assert.Equal(0, connection.QuerySingle<long>("SELECT count(*) FROM recomputation_pending"));
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
