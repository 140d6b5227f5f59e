using Dapper;
using IndicatorExchange.Indicator;
using IndicatorExchange.Indicator.Storage.Sqlite;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Services.Tests;

/// <summary>
/// Migration 0004 gives the indicators of an existing database the demo catalog's report order for the codes it knows,
/// and places every other indicator after them, by code.
/// </summary>
public sealed class ReportOrderMigrationTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"ix-report-order-migration-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task An_existing_catalog_gets_the_demo_order_for_known_codes_and_the_others_after_by_code()
    {
        var database = new SqliteDatabase(_path);
        MigrationRunner.Apply(database, typeof(IndicatorServiceExtensions).Assembly);
        using (var connection = database.Open())
        {
            // As a database of before migration 0004: no report_order column, indicators in no order.
            connection.Execute("""
                DROP INDEX indicators_report_order;
                ALTER TABLE indicators DROP COLUMN report_order;
                DELETE FROM schema_migrations WHERE version = 4;
                INSERT INTO indicators (code, name_zh, name_en, unit, accumulation, aggregation, display_precision)
                VALUES ('ZZ_LOCAL', '本地指标乙', 'Local B', '元', 'year_to_date', 'sum', 2),
                       ('FOREIGN_TRADE', '进出口总额', 'Foreign trade', '美元', 'year_to_date', 'sum', 2),
                       ('AA_LOCAL', '本地指标甲', 'Local A', '元', 'year_to_date', 'sum', 2),
                       ('GDP', '地区生产总值', 'Gross regional product', '元', 'year_to_date', 'sum', 2);
                """);
        }

        Assert.Contains("0004_indicator_report_order", MigrationRunner.Apply(database, typeof(IndicatorServiceExtensions).Assembly));

        var listed = await new SqliteReferenceStore(database).ListIndicatorsAsync(CancellationToken.None);
        Assert.Equal(
            [("GDP", 1), ("FOREIGN_TRADE", 10), ("AA_LOCAL", 45), ("ZZ_LOCAL", 46)],
            listed.Select(i => (i.Code, i.ReportOrder)));
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
