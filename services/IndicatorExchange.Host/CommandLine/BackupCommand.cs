using System.CommandLine;
using IndicatorExchange.Aggregation;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using IndicatorExchange.Storage.Sqlite;

namespace IndicatorExchange.Host.CommandLine;

/// <summary>
/// <c>indicatorexchange backup --to DIR [--data-dir PATH]</c>: a consistent copy of every SQLite file of the data
/// directory (<see cref="SqliteBackup"/>), and its signing keys, into a new folder, while the suite runs. Restoring is
/// stopping the suite, copying the folder's files into <c>--data-dir</c> and starting it. A PostgreSQL database is backed
/// up with <c>pg_dump</c> instead (docs/operations.md).
/// </summary>
internal static class BackupCommand
{
    public const string Name = "backup";

    public static Command Build()
    {
        var to = new Option<string>("--to") { Description = "New or empty folder to write the copies into", Required = true, HelpName = "DIR" };
        var dataDirectory = new Option<string>("--data-dir")
        {
            Description = "Folder of the suite's SQLite files and keys",
            HelpName = "PATH",
            DefaultValueFactory = _ => "data",
        };
        var command = new Command(Name, "Copy the SQLite databases and signing keys of --data-dir, consistently, while the suite runs") { to, dataDirectory };
        command.SetAction(parse => Run(parse, parse.GetValue(dataDirectory)!, parse.GetValue(to)!));
        return command;
    }

    /// <summary>
    /// The files to copy, the aggregation service's first: it follows the other services' change feeds, so its copy must
    /// not be newer than theirs (restored, it then reads on from its cursor; never past what the feeds hold).
    /// </summary>
    private static IReadOnlyList<string> Databases(string dataDirectory) =>
        Directory.GetFiles(dataDirectory, "*.db")
            .OrderBy(path => Path.GetFileNameWithoutExtension(path) == AggregationServiceExtensions.Name ? 0 : 1)
            .ThenBy(path => Path.GetFileName(path), StringComparer.Ordinal)
            .ToList();

    private static int Run(ParseResult parse, string dataDirectory, string destination)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        var databases = Directory.Exists(dataDirectory) ? Databases(dataDirectory) : [];
        if (databases.Count == 0)
        {
            error.WriteLine($"{Path.GetFullPath(dataDirectory)} 中没有数据库文件 / holds no database file (*.db): give the suite's --data-dir.");
            return HostExitCodes.Usage;
        }
        if (Directory.Exists(destination) && Directory.EnumerateFileSystemEntries(destination).Any())
        {
            error.WriteLine($"{Path.GetFullPath(destination)} 不是空文件夹 / is not empty: back up into a new folder, so that no earlier copy is overwritten.");
            return HostExitCodes.Failed;
        }
        Directory.CreateDirectory(destination);
        foreach (var database in databases)
        {
            var copy = Path.Combine(destination, Path.GetFileName(database));
            SqliteBackup.Copy(database, copy);
            output.WriteLine($"{Path.GetFileName(database)}: {new FileInfo(copy).Length:N0} bytes");
        }
        var keys = SigningKeyFile.DefaultPath(dataDirectory);
        if (File.Exists(keys))
        {
            var copy = SigningKeyFile.DefaultPath(destination);
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(keys, copy);
            output.WriteLine($"{Path.GetRelativePath(dataDirectory, keys)}: the signing keys (owner-only; keep the copy as secret)");
        }
        output.WriteLine($"Backed up to {Path.GetFullPath(destination)}. To restore: stop the suite, copy these files into --data-dir, start it.");
        return HostExitCodes.Ok;
    }
}
