using System.Diagnostics.Metrics;
using Dapper;
using Npgsql;

namespace IndicatorExchange.Storage.Postgres;

/// <summary>
/// The lag of a <see cref="PostgresFeed"/> as a metric (meter <see cref="MeterName"/>): the gauge
/// <see cref="HeldBackName"/> counts the rows written but not yet served because a transaction that began before
/// them (anywhere on the server) has not ended. It stays near zero; a value that grows points at a long transaction.
/// </summary>
public static class PostgresFeedMetrics
{
    /// <summary>The meter every PostgreSQL feed reports to.</summary>
    public const string MeterName = "IndicatorExchange.Storage.Postgres";

    /// <summary>The gauge of rows held back, tagged <c>feed</c> with the schema and table.</summary>
    public const string HeldBackName = "indicatorexchange.feed.held_back";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Reports the held-back rows of one feed table (<see cref="PostgresFeed"/>) while the database is open.</summary>
    public static void Observe(PostgresDatabase database, string table)
    {
        var tag = new KeyValuePair<string, object?>("feed", $"{database.Schema}.{table}");
        var sql = PostgresFeed.HeldBack(table);
        Meter.CreateObservableGauge(HeldBackName, () => Measure(database, sql, tag), unit: "{revision}",
            description: "Revisions written but held back from the change feed until older transactions end");
    }

    private static IEnumerable<Measurement<long>> Measure(PostgresDatabase database, string sql, KeyValuePair<string, object?> tag)
    {
        long heldBack;
        try
        {
            using var connection = database.Open();
            heldBack = connection.ExecuteScalar<long>(sql);
        }
        catch (Exception exception) when (exception is NpgsqlException or ObjectDisposedException or InvalidOperationException)
        {
            return []; // the database is away (or closed): no measurement rather than a wrong one
        }
        return [new Measurement<long>(heldBack, tag)];
    }
}
