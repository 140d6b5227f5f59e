using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace IndicatorExchange.Storage.Postgres;

/// <summary>
/// Applies numbered migrations (embedded resources under a <c>Postgres/Migrations/</c> folder, such as
/// <c>Storage/Postgres/Migrations/0001_initial.sql</c>) in order, each in its own transaction, and records them in the
/// <c>schema_migrations</c> journal of the database's schema (<see cref="PostgresDatabase.Schema"/>, created here when missing). Each transaction first takes a transaction-scoped advisory lock
/// (<c>pg_advisory_xact_lock</c>) and re-reads the journal, so that replicas starting at once apply each script once.
/// Only the PostgreSQL engine's folder counts: the SQLite scripts in the same project never run here.
/// </summary>
public static partial class PostgresMigrationRunner
{
    /// <summary>The advisory lock key every migration transaction takes (any fixed 64-bit number; "IXMIGRAT" in ASCII).</summary>
    internal const long LockKey = 0x49584D4947524154;

    /// <summary>Applies the assembly's PostgreSQL migrations not yet in the journal; returns the names applied now.</summary>
    public static IReadOnlyList<string> Apply(PostgresDatabase database, Assembly assembly)
    {
        using var connection = database.Open();
        using (var setup = connection.BeginTransaction())
        {
            connection.Execute("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, setup);
            // The name was checked by PostgresDatabase (lower-case letters, digits, '_'), so it can stand in the statement.
            connection.Execute($"CREATE SCHEMA IF NOT EXISTS {database.Schema}", transaction: setup);
            connection.Execute("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    bigint PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, transaction: setup);
            setup.Commit();
        }
        var newlyApplied = new List<string>();
        foreach (var (version, name, resource) in Discover(assembly.GetManifestResourceNames()))
        {
            using var transaction = connection.BeginTransaction();
            // Serialises migrators; the journal is read after the lock, so a script another replica applied meanwhile is seen.
            connection.Execute("SELECT pg_advisory_xact_lock(@LockKey)", new { LockKey }, transaction);
            if (connection.ExecuteScalar<bool>("SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE version = @version)", new { version }, transaction))
            {
                transaction.Rollback();
                continue;
            }
            using var stream = assembly.GetManifestResourceStream(resource)!;
            var sql = new StreamReader(stream).ReadToEnd();
            connection.Execute(sql, transaction: transaction);
            connection.Execute("INSERT INTO schema_migrations (version, name) VALUES (@version, @name)", new { version, name }, transaction);
            transaction.Commit();
            newlyApplied.Add(name);
        }
        return newlyApplied;
    }

    /// <summary>The PostgreSQL migrations among an assembly's resource names, by version.</summary>
    internal static IEnumerable<(long Version, string Name, string Resource)> Discover(IEnumerable<string> resourceNames) =>
        resourceNames
            .Select(resource => (resource, match: MigrationName().Match(resource)))
            .Where(x => x.match.Success)
            .Select(x => (long.Parse(x.match.Groups["version"].Value), x.match.Groups["name"].Value, x.resource))
            .OrderBy(x => x.Item1);

    [GeneratedRegex(@"\.Postgres\.Migrations\.(?<name>(?<version>\d{4})_[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex MigrationName();
}
