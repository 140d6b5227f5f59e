using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>
/// A consistent copy of a SQLite database file while the services keep using it: SQLite's online backup
/// (<c>sqlite3_backup</c>, all pages in one step) reads the file in one read transaction, so the copy is the database at
/// one moment, committed transactions only; in WAL mode writers go on meanwhile.
/// </summary>
public static class SqliteBackup
{
    /// <summary>Copies the database at <paramref name="source"/> (which must exist) into a new file <paramref name="destination"/>.</summary>
    public static void Copy(string source, string destination)
    {
        using var from = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(source), Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 30,
        }.ToString());
        using var to = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(destination), Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false,
        }.ToString());
        from.Open();
        to.Open();
        from.BackupDatabase(to);
    }
}
