using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace IndicatorExchange.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for tests, on Debian's binaries: <c>initdb</c> into a temporary folder and
/// <c>pg_ctl start</c> listening only on a Unix socket in that folder (no TCP, so no port collisions), with fsync off.
/// <c>initdb</c> refuses to run as root, so as root both run as the <c>postgres</c> user (<c>runuser -u postgres --</c>)
/// and the folder is handed to that user. Stopped (<c>pg_ctl -m immediate stop</c>) and deleted on dispose.
/// Use it as a shared fixture (<c>IClassFixture</c> or a collection fixture); each test class makes its own database
/// with <see cref="CreateDatabaseAsync"/>. When the binaries (or, as root, <c>runuser</c>) are missing,
/// <see cref="Available"/> is false and <see cref="Unavailable"/> says why, for <see cref="SkipReasons.SkipUnless"/>.
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private const string Install = "apt-get install -y postgresql (.ci/run installs it)";

    private readonly string? bin;
    private readonly bool asPostgresUser;
    private bool started;

    /// <summary>A server for tests: fsync, full-page writes and synchronous commit off (nothing it holds must survive a crash).</summary>
    public PostgresServer()
        : this(TestSettings)
    {
    }

    private PostgresServer(string settings)
    {
        bin = FindBinaries();
        asPostgresUser = Environment.UserName == "root";
        if (bin is null)
        {
            Unavailable = $"PostgreSQL's initdb and pg_ctl were not found on PATH or under /usr/lib/postgresql/*/bin: {Install}";
            return;
        }
        if (asPostgresUser && !File.Exists("/usr/sbin/runuser") && !File.Exists("/usr/bin/runuser"))
        {
            Unavailable = "running as root, initdb needs runuser (util-linux) to run as the postgres user";
            return;
        }
        try
        {
            Directory = System.IO.Directory.CreateTempSubdirectory("ix-pg-").FullName;
            DataDirectory = Path.Combine(Directory, "data");
            Port = FreePort();
            if (asPostgresUser)
            {
                Run("chown", "postgres:", Directory);
            }
            Run(PgBinary("initdb"), "-D", DataDirectory, "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8", "-U", "postgres");
            Run(PgBinary("pg_ctl"), "-D", DataDirectory, "-l", Path.Combine(Directory, "server.log"),
                "-o", $"-c listen_addresses='' -k {Directory} -p {Port} {settings}",
                "-w", "start");
            started = true;
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            Unavailable = $"the throwaway PostgreSQL server did not start: {exception.Message}";
            Stop();
        }
    }

    private const string TestSettings = "-c fsync=off -c full_page_writes=off -c synchronous_commit=off";

    /// <summary>
    /// The benchmarks' server: durable as in production (fsync, full-page writes and synchronous commit at their defaults, on),
    /// with shared_buffers at 1 GB and max_wal_size at 8 GB, so that a national quarter's load is not cut by forced checkpoints.
    /// </summary>
    public const string DurableSettings = "-c shared_buffers=1GB -c max_wal_size=8GB";

    /// <summary>A server with <see cref="DurableSettings"/>, for figures comparable with the SQLite engine's (which syncs every commit).</summary>
    public static PostgresServer Durable() => new(DurableSettings);

    /// <summary>The server's version (<c>SHOW server_version</c>'s first word), or "" when it does not run.</summary>
    public string Version => Available ? RunPsql("SHOW server_version").Split(' ')[0] : "";

    /// <summary>Whether the server runs; otherwise <see cref="Unavailable"/> says why.</summary>
    public bool Available => Unavailable is null;

    /// <summary>Why there is no server (missing binaries, a failed start, and what installs them); null when it runs.</summary>
    public string? Unavailable { get; }

    /// <summary>The temporary folder of the data directory, the Unix socket and the server log.</summary>
    public string Directory { get; } = "";

    /// <summary>The cluster's data directory.</summary>
    public string DataDirectory { get; } = "";

    /// <summary>The port number in the socket's name (<c>.s.PGSQL.PORT</c>); nothing listens on TCP.</summary>
    public int Port { get; }

    /// <summary>A connection string to <paramref name="database"/> on this server, over its Unix socket, as the postgres superuser.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host={Directory};Port={Port};Username=postgres;Database={database};Pooling=true";

    /// <summary>Creates a new database (a unique name from <paramref name="prefix"/>) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix)
    {
        if (!Available)
        {
            throw new InvalidOperationException(Unavailable);
        }
        var safe = new string(prefix.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(24).ToArray());
        var name = $"{safe}_{Guid.NewGuid():N}";
        await RunPsqlAsync($"CREATE DATABASE \"{name}\"");
        return ConnectionString(name);
    }

    /// <summary>Why <see cref="DumpAndRestoreAsync"/> cannot run (no server, or pg_dump/pg_restore missing beside initdb); null when it can.</summary>
    public string? DumpUnavailable => Unavailable
        ?? (File.Exists(PgBinary("pg_dump")) && File.Exists(PgBinary("pg_restore")) ? null
            : $"pg_dump and pg_restore were not found in {bin}: apt-get install -y postgresql-client");

    /// <summary>
    /// Backs up a database with <c>pg_dump --format=custom</c> into a file in the server's folder, and restores that file
    /// with <c>pg_restore</c> into a new database (a unique name from <paramref name="prefix"/>): the commands
    /// docs/operations.md gives. Returns the new database's connection string.
    /// </summary>
    public Task<string> DumpAndRestoreAsync(string database, string prefix) => Task.Run(async () =>
    {
        var dump = Path.Combine(Directory, $"{database}.dump");
        Run(PgBinary("pg_dump"), "--format=custom", $"--file={dump}", $"--dbname={LibpqConnection(database)}");
        var restored = await CreateDatabaseAsync(prefix);
        Run(PgBinary("pg_restore"), "--exit-on-error", "--no-owner", $"--dbname={LibpqConnection(DatabaseOf(restored))}", dump);
        return restored;
    });

    /// <summary>The database's name in a connection string of this server.</summary>
    public static string DatabaseOf(string connectionString) =>
        connectionString[(connectionString.IndexOf("Database=", StringComparison.Ordinal) + "Database=".Length)..].Split(';')[0];

    private string LibpqConnection(string database) =>
        $"host={Directory} port={Port.ToString(System.Globalization.CultureInfo.InvariantCulture)} user=postgres dbname={database}";

    public void Dispose()
    {
        Stop();
        if (Directory.Length > 0)
        {
            try
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // The system's temporary directory is cleaned anyway.
            }
        }
    }

    private void Stop()
    {
        if (!started || bin is null)
        {
            return;
        }
        started = false;
        try
        {
            Run(PgBinary("pg_ctl"), "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private Task RunPsqlAsync(string sql) => Task.Run(() => RunPsql(sql));

    private string RunPsql(string sql) =>
        Run(PgBinary("psql"), "-h", Directory, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-U", "postgres", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-t", "-A", "-c", sql).Trim();

    private string PgBinary(string name) => Path.Combine(bin!, name);

    /// <summary>Runs a program (as the postgres user when root, except chown), returns its output and throws with it when it fails.</summary>
    private string Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser && program != "chown")
        {
            info.FileName = "runuser";
            foreach (var argument in new[] { "-u", "postgres", "--", program })
            {
                info.ArgumentList.Add(argument);
            }
        }
        else
        {
            info.FileName = program;
        }
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} did not finish within 2 minutes");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} exited with {process.ExitCode}: {error.Result.Trim()} {output.Result.Trim()}".Trim());
        }
        return output.Result;
    }

    /// <summary>The folder of initdb, pg_ctl, psql, pg_dump and pg_restore: Debian's newest /usr/lib/postgresql/N/bin, else PATH.</summary>
    private static string? FindBinaries()
    {
        const string Debian = "/usr/lib/postgresql";
        if (System.IO.Directory.Exists(Debian))
        {
            var newest = System.IO.Directory.GetDirectories(Debian)
                .Select(d => (dir: Path.Combine(d, "bin"), version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.dir, "initdb")) && File.Exists(Path.Combine(d.dir, "pg_ctl")))
                .OrderByDescending(d => d.version)
                .Select(d => d.dir)
                .FirstOrDefault();
            if (newest is not null)
            {
                return newest;
            }
        }
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")) && File.Exists(Path.Combine(d, "psql")));
    }

    /// <summary>A port number no one listens on over TCP (only the socket's name uses it, but a free one keeps it unique).</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
