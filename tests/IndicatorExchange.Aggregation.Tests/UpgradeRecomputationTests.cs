using Dapper;
using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Storage.Sqlite;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>A database of a version that stored summary rows is upgraded to node values recomputed from its figures.</summary>
public sealed class UpgradeRecomputationTests
{
    [Fact]
    public async Task After_the_upgrade_a_recomputation_is_pending_and_brings_back_the_rows_from_the_figures_already_stored()
    {
        var tree = GeneratedTree.Build(1, _ => 2, _ => 2);
        var path = Path.Combine(Path.GetTempPath(), $"ix-upgrade-tests-{Guid.NewGuid():N}.db");
        var database = new SqliteDatabase(path);
        using (var connection = database.Open())
        {
            // The database as migrations 0001–0004 left it: two figures and their (old) summary row.
            EarlierSchema.Apply(connection, "0001_initial", "0002_revisions_rollups", "0003_figures_by_period", "0004_rollups_by_period");
            connection.Execute("""
                INSERT INTO figures (org_unit, indicator, period, value, yoy_growth_pct, status, revision, sequence, received_at, first_received_at, open_warnings)
                VALUES (@a, @flow, '2023Q1', '10.5', '2', 2, 1, 1, '2023-04-01T08:00:00.0000000+00:00', '2023-04-01T08:00:00.0000000+00:00', 0),
                       (@b, @flow, '2023Q1', '4', NULL, 2, 1, 2, '2023-04-02T08:00:00.0000000+00:00', '2023-04-02T08:00:00.0000000+00:00', 0);
                INSERT INTO rollups (org_unit, period, indicator, row) VALUES (@prefecture, '2023Q1', @flow, x'0A');
                """, new { a = tree.Counties[0], b = tree.Counties[1], prefecture = tree.Prefectures[0], flow = Flow });
        }

        await using var aggregator = Aggregator.At(path, tree.Tree);
        Assert.True(await aggregator.Store.RecomputationPendingAsync(CancellationToken.None));
        Assert.Empty(await aggregator.StoredRowsAsync([tree.Prefectures[0]], ["2023Q1"], [Flow]));

        Assert.Equal(3, await aggregator.Engine.RecomputeAllAsync(CancellationToken.None)); // the prefecture, the region, the nation

        Assert.False(await aggregator.Store.RecomputationPendingAsync(CancellationToken.None));
        var row = (await aggregator.StoredRowsAsync([tree.Prefectures[0]], ["2023Q1"], [Flow])).Values.Single();
        Assert.Equal("14.5", row.Total.Value);
        Assert.Equal([tree.Counties[0], tree.Counties[1]], row.Children.Select(c => c.OrgUnit));
    }
}
