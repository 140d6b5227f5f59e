using System.CommandLine;
using System.Data.Common;
using System.Diagnostics;
using IndicatorExchange.Access;
using IndicatorExchange.Aggregation;
using IndicatorExchange.Indicator;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using IndicatorExchange.Storage.Postgres;
using IndicatorExchange.Storage.Sqlite;
using IndicatorExchange.Target;

namespace IndicatorExchange.Host.CommandLine;

/// <summary>
/// <c>indicatorexchange migrate-to-postgres --data-dir PATH --connection-string CS</c>: moves a suite from its SQLite
/// files to a PostgreSQL database, with the suite stopped. It migrates every service's schema (as a start would), then
/// copies every table of every service whose data is not rebuilt, row for row (<see cref="SqliteExport"/> out,
/// <see cref="PostgresImport"/> in), in one transaction committed only once everything is copied. It refuses a database
/// that already holds suite data. The aggregation service's schema stays empty: it rebuilds from the copied feeds.
/// </summary>
internal static class MigrateToPostgresCommand
{
    public const string Name = "migrate-to-postgres";

    /// <summary>Every service's data, in the order copied; the aggregation service's is only given its schema.</summary>
    private static readonly IReadOnlyList<StoredData> Services =
        [IndicatorServiceExtensions.Data, TargetServiceExtensions.Data, AccessModule.Data, AggregationServiceExtensions.Data];

    public static Command Build()
    {
        var dataDirectory = new Option<string>("--data-dir")
        {
            Description = "Folder of the suite's SQLite files (as the server's --data-dir)",
            HelpName = "PATH",
            DefaultValueFactory = _ => "data",
        };
        var connectionString = new Option<string>("--connection-string")
        {
            Description = "The PostgreSQL database to copy into (as the server's --connection-string); it must hold no suite data",
            HelpName = "TEXT",
            Required = true,
        };
        var command = new Command(Name,
            "Copy every store of the suite's SQLite files into a PostgreSQL database, in one transaction. Run it with the suite stopped " +
            "(a file still open elsewhere is refused); then start the suite with --storage=postgres. See docs/operations.md.")
        {
            dataDirectory, connectionString,
        };
        command.SetAction((parse, cancellationToken) =>
            RunAsync(parse, parse.GetValue(dataDirectory)!, parse.GetValue(connectionString)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string dataDirectory, string connectionString, CancellationToken cancellationToken)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        var copied = Services.Where(s => !s.RebuiltFromFeeds).ToList();
        var files = copied.Select(s => (Service: s, Path: Path.Combine(dataDirectory, s.SqliteDatabase + ".db"))).Where(f => File.Exists(f.Path)).ToList();
        if (files.Count == 0)
        {
            error.WriteLine($"{Path.GetFullPath(dataDirectory)} 中没有本套件的数据库 / holds none of the suite's databases " +
                            $"({string.Join(", ", copied.Select(s => s.SqliteDatabase + ".db"))}): give the suite's --data-dir.");
            return HostExitCodes.Usage;
        }
        var exports = new List<(StoredData Service, SqliteExport Export)>();
        try
        {
            foreach (var (service, path) in files)
            {
                exports.Add((service, SqliteExport.Open(path)));
            }
            var exitCode = await CopyAsync(exports, connectionString, output, error, cancellationToken);
            if (exitCode == HostExitCodes.Ok)
            {
                PrintKeys(dataDirectory, output);
            }
            return exitCode;
        }
        catch (Exception exception) when (exception is DbException or IOException or InvalidDataException or ArgumentException)
        {
            error.WriteLine($"迁移失败，数据库未作任何更改 / the copy failed and wrote nothing: {exception.Message}");
            return HostExitCodes.Failed;
        }
        finally
        {
            exports.ForEach(e => e.Export.Dispose());
        }
    }

    private static async Task<int> CopyAsync(IReadOnlyList<(StoredData Service, SqliteExport Export)> exports, string connectionString,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        foreach (var service in Services)
        {
            await using var database = new PostgresDatabase(connectionString, service.PostgresSchema);
            PostgresMigrationRunner.Apply(database, service.Migrations);
        }
        await using var import = await PostgresImport.BeginAsync(connectionString, cancellationToken);
        var holding = await import.TablesWithRowsAsync(Services.Select(s => s.PostgresSchema));
        if (holding.Count > 0)
        {
            error.WriteLine($"{import.Description} 已有本套件的数据 ({string.Join(", ", holding)})，未复制任何内容 / already holds suite data " +
                            $"({string.Join(", ", holding)}): nothing was copied. Copy into a new, empty database.");
            return HostExitCodes.Failed;
        }
        var clock = Stopwatch.StartNew();
        long total = 0;
        foreach (var (service, export) in exports)
        {
            var tables = await import.TablesAsync(service.PostgresSchema);
            var unmatched = export.Tables.Except(tables).Concat(tables.Except(export.Tables)).ToList();
            if (unmatched.Count > 0)
            {
                throw new InvalidDataException($"{export.Path} ↔ {service.PostgresSchema}: 表不一致 / the tables differ between the engines ({string.Join(", ", unmatched)}).");
            }
            foreach (var table in tables)
            {
                var started = clock.Elapsed;
                var columns = export.Columns(table);
                await using var rows = export.Read(table, columns);
                var count = await import.CopyAsync(service.PostgresSchema, table, columns, rows, cancellationToken);
                total += count;
                output.WriteLine($"{service.PostgresSchema}.{table}: {count:N0} rows ({(clock.Elapsed - started).TotalSeconds:F1} s)");
            }
        }
        await import.CommitAsync(cancellationToken);
        var seconds = clock.Elapsed.TotalSeconds;
        output.WriteLine($"Copied {total:N0} rows into {import.Description} in {seconds:F1} s ({total / Math.Max(seconds, 0.001):N0} rows/s), in one transaction.");
        foreach (var rebuilt in Services.Where(s => s.RebuiltFromFeeds))
        {
            output.WriteLine($"{rebuilt.PostgresSchema}: not copied; its schema is empty and the service rebuilds it from the copied feeds when the suite starts.");
        }
        output.WriteLine("Next: start the suite with --storage=postgres and this --connection-string, and check its answers (docs/operations.md).");
        return HostExitCodes.Ok;
    }

    /// <summary>The signing keys are a file, not data: the command says where they are and what to do with them.</summary>
    private static void PrintKeys(string dataDirectory, TextWriter output)
    {
        var keys = SigningKeyFile.DefaultPath(dataDirectory);
        output.WriteLine(File.Exists(keys)
            ? $"Signing keys: not in the database. Keep {Path.GetFullPath(keys)} as --data-dir's keys file (or Security:KeysFile) on every machine that runs the suite, " +
              "or tokens issued before are refused (docs/operations.md, \"Running several replicas\")."
            : "Signing keys: none in --data-dir; give the suite on PostgreSQL the keys it used (Security:KeysFile or Security:SigningKeys), or tokens issued before are refused.");
    }
}
