using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>
/// Applies numbered migrations (embedded resources under a <c>Sqlite/Migrations/</c> folder, such as
/// <c>Storage/Sqlite/Migrations/0001_initial.sql</c>) in order, each in its own transaction, and records them in the
/// <c>schema_migrations</c> journal. Only the SQLite engine's folder counts, so that another engine's migrations in the
/// same project (<c>Storage/Postgres/Migrations/</c>) never run on SQLite.
/// </summary>
public static partial class MigrationRunner
{
    public static IReadOnlyList<string> Apply(SqliteDatabase database, Assembly assembly)
    {
        using var connection = database.Open();
        connection.Execute("""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version    INTEGER PRIMARY KEY,
                name       TEXT NOT NULL,
                applied_at TEXT NOT NULL
            );
            """);
        var applied = connection.Query<long>("SELECT version FROM schema_migrations").ToHashSet();
        var newlyApplied = new List<string>();
        foreach (var (version, name, resource) in Discover(assembly.GetManifestResourceNames()))
        {
            if (applied.Contains(version))
            {
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var sql = new StreamReader(stream).ReadToEnd();
            using var transaction = connection.BeginTransaction();
            connection.Execute(sql, transaction: transaction);
            connection.Execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)",
                new { version, name, at = DateTimeOffset.UtcNow.ToString("O") },
                transaction);
            transaction.Commit();
            newlyApplied.Add(name);
        }
        return newlyApplied;
    }

    /// <summary>The SQLite migrations among an assembly's resource names, by version.</summary>
    internal static IEnumerable<(long Version, string Name, string Resource)> Discover(IEnumerable<string> resourceNames) =>
        resourceNames
            .Select(resource => (resource, match: MigrationName().Match(resource)))
            .Where(x => x.match.Success)
            .Select(x => (long.Parse(x.match.Groups["version"].Value), x.match.Groups["name"].Value, x.resource))
            .OrderBy(x => x.Item1);

    [GeneratedRegex(@"\.Sqlite\.Migrations\.(?<name>(?<version>\d{4})_[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex MigrationName();
}
