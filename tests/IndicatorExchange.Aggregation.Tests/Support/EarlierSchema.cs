using Dapper;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Aggregation.Tests.Support;

/// <summary>A database as earlier versions left it: the named migrations run and recorded, as the migration runner would have.</summary>
public static class EarlierSchema
{
    /// <param name="migrations">Names such as "0001_initial", in order; the version is the number they start with.</param>
    public static void Apply(SqliteConnection connection, params string[] migrations)
    {
        var assembly = typeof(AggregationServiceExtensions).Assembly;
        connection.Execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
        foreach (var name in migrations)
        {
            var resource = assembly.GetManifestResourceNames().Single(r => r.EndsWith($".Sqlite.Migrations.{name}.sql", StringComparison.Ordinal));
            using var stream = assembly.GetManifestResourceStream(resource)!;
            connection.Execute(new StreamReader(stream).ReadToEnd());
            connection.Execute("INSERT INTO schema_migrations VALUES (@version, @name, '2026-01-01')", new { version = int.Parse(name[..4]), name });
        }
    }
}
