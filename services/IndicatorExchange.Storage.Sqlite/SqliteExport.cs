using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>
/// Every row of a service's SQLite file, table by table, for a copy into another engine, read with the suite stopped.
/// The file is held in exclusive locking mode from <see cref="Open"/> to <see cref="Dispose"/>: no other connection, of
/// this process or another, can read or write it meanwhile, and opening it fails while another one has it open (a suite
/// still running, even idle), so the copy is never taken of a file that is still moving.
/// </summary>
public sealed class SqliteExport : IDisposable
{
    /// <summary>The migration journal: each engine keeps its own, so it is never copied.</summary>
    public const string MigrationJournal = "schema_migrations";

    private readonly SqliteConnection _connection;

    private SqliteExport(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
        // SQLite's own tables (sqlite_sequence, sqlite_stat1) describe the file, not the service's data.
        Tables = connection.Query<string>(
            "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> @MigrationJournal ORDER BY name",
            new { MigrationJournal }).ToList();
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>The service's tables in the file, by name: every table but SQLite's own and the migration journal.</summary>
    public IReadOnlyList<string> Tables { get; }

    /// <summary>Opens the file and takes its exclusive lock; an <see cref="IOException"/> says so when another connection has it open.</summary>
    public static SqliteExport Open(string path)
    {
        var fullPath = System.IO.Path.GetFullPath(path);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 2,
        }.ToString());
        try
        {
            connection.Open();
            // In WAL mode the exclusive lock is granted only when no other connection has the file open.
            connection.Execute("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE;");
            return new SqliteExport(fullPath, connection);
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode is 5 or 6)
        {
            connection.Dispose();
            throw new IOException(
                $"{fullPath} 正被其他进程使用，请先停止服务 / is in use by another connection: stop the suite (every process on this data directory) before copying it.",
                exception);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>The table's columns, in their order in the file.</summary>
    public IReadOnlyList<string> Columns(string table) =>
        _connection.Query<string>("SELECT name FROM pragma_table_info(@table) ORDER BY cid", new { table }).ToList();

    /// <summary>The table's rows, with the given columns in that order; values as SQLite holds them (text, integer, blob, null).</summary>
    public DbDataReader Read(string table, IReadOnlyList<string> columns)
    {
        var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(Quote))} FROM {Quote(table)}";
        return command.ExecuteReader(System.Data.CommandBehavior.SequentialAccess);
    }

    public void Dispose() => _connection.Dispose();

    private static string Quote(string name) => $"\"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
