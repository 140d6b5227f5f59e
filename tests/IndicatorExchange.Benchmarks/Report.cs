using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace IndicatorExchange.Benchmarks;

/// <summary>One line of the summary table: a measured figure against its goal.</summary>
/// <param name="Met">true = met, false = missed, null = not measured in this mode (the figure says why).</param>
public sealed record Row(string Benchmark, string Measure, string Figure, string Baseline, string Goal, bool? Met)
{
    public string Verdict => Met switch { true => "met", false => "**missed**", null => "not run" };
}

/// <summary>What one benchmark hands back: its rows for the summary table and its own section of text.</summary>
public sealed record Section(IReadOnlyList<Row> Rows, string Body);

/// <summary>Writes the benchmark tables to docs/performance.md with the machine they ran on.</summary>
public static class Report
{
    public static string Machine =>
        $"{Environment.ProcessorCount} logical cores ({CpuModel()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, "
        + $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0} GiB";

    public static string SummaryTable(IEnumerable<Row> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| benchmark | measure | figure | baseline (same run) | goal | verdict |");
        text.AppendLine("| --- | --- | ---: | ---: | --- | --- |");
        foreach (var row in rows)
        {
            text.AppendLine($"| {row.Benchmark} | {row.Measure} | {row.Figure} | {row.Baseline} | {row.Goal} | {row.Verdict} |");
        }
        return text.ToString().TrimEnd();
    }

    /// <summary>The micro-benchmarks' results are pasted by hand under this heading, at the end; a run of this program keeps them.</summary>
    public const string MicroBenchmarksHeading = "## Micro-benchmarks";

    /// <summary>The section of the existing file from <paramref name="heading"/> to its end, preceded by a blank line; "" when none.</summary>
    private static string KeptSection(string path, string heading)
    {
        var existing = File.Exists(path) ? File.ReadAllText(path) : "";
        var at = existing.IndexOf("\n" + heading, StringComparison.Ordinal);
        return at < 0 ? "" : "\n" + existing[(at + 1)..].TrimEnd() + "\n";
    }

    /// <summary>
    /// Writes the report to <paramref name="output"/>, by default the repository's docs/performance.md (SQLite) or
    /// docs/performance-postgres.md (PostgreSQL).
    /// </summary>
    public static string Write(string mode, string modeNote, BenchEngine engine, string command, string loadBefore, string loadAfter, TimeSpan elapsed,
        IReadOnlyList<Section> sections, string? output = null)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IndicatorExchange.sln")))
        {
            root = root.Parent;
        }
        var path = output is not null ? Path.GetFullPath(output) : Path.Combine(root?.FullName ?? ".", "docs", engine.IsPostgres ? "performance-postgres.md" : "performance.md");
        var rows = sections.SelectMany(s => s.Rows).ToList();
        var missed = rows.Count(r => r.Met == false);
        var text = $"""
            # Performance

            Measured by `{command}` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, **{mode} mode**, in {elapsed.TotalMinutes:0.0} min.
            Machine: {Machine}. Load average before the run {loadBefore}, after it {loadAfter}
            (the suite and the benchmark client share the machine's cores; other work on the machine shows up in these).
            {engine.Description}
            Security as shipped: JWT authentication on, every call that needs one carrying a bearer token signed with the suite's key
            for the role and org unit that would make it (an administrator for the catalog, the tree and rebuilds, county reporters for uploads
            and submissions, prefecture analysts for the summaries), validated and scope-checked by the suite. The per-subject rate limit was
            turned off (`{string.Join(" ", NationalSuite.Arguments)}` on every suite the benchmarks start), since the reads benchmark alone makes
            thousands of calls a second under one subject; the message limits (`Limits:MaxMessageBytes`, `Limits:MaxFiguresPerUpload`) stayed at their defaults.

            Each figure is compared with a baseline measured in the same run where the goal is a ratio, so that it holds on a
            noisy machine. Goals are those of issue 8. {rows.Count(r => r.Met == true)} met, {missed} missed, {rows.Count(r => r.Met is null)} not run in this mode.
            The services were tuned against these goals in seven rounds (first: a cache of summary rows, prepared statements and one queue for
            the writes of an upload, coalesced feed messages in the aggregator; then: inner-node values kept between rollup transactions, feed
            messages that announce more, a recomputation from the stored figures, a larger SQLite page cache, and a leaner validation and
            quality check of uploads; then: a recomputation one period and indicator at a time on all cores, figures and summary rows stored
            in period and indicator order, summary rows in a table whose pages hold them whole, and the write-ahead log truncated after a
            recomputation; then: the statements run once per figure or row bound by position through SQLitePCL, the memory a rebuild grew
            to given back after it, and an org-unit import that no longer reloads the whole tree per unit; then: each inner node's value
            stored instead of its summary row, rows built from the children's values when read, and a node's value computed without the
            per-child measures only a row shows; then: SQLite values read and bound on the statement's raw pointer rather than through
            SQLitePCL's SafeHandle per call, glibc's malloc limited to two arenas (removed again in issue 22, when it no longer moved a figure), at most 150,000 inner-node values kept between rollup
            transactions, and leaves looked up rather than memoised by the evaluator; then: the host reading the settings beside its
            executable wherever it is started from (started from another directory, it logged every request), the GC's allocation
            budget per heap capped, the feed applied in transactions of up to 25,000 revisions, and a recomputation reading its
            periods and indicators on every core); "where the time goes" below
            describes the code as it is now{(engine.IsPostgres ? "; where it names SQLite's internals (page caches, statement binding, the write-ahead log), it describes the SQLite engine, and the PostgreSQL engine's own paths are in `docs/architecture.md` and `docs/operations.md`" : "")}.
            {modeNote}

            ## Summary

            {SummaryTable(rows)}

            {string.Join("\n\n", sections.Select(s => s.Body.Trim()))}

            """ + KeptSection(path, MicroBenchmarksHeading);
        File.WriteAllText(path, text);
        return path;
    }

    public static string Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? "-" : PercentileValue(sorted, p).ToString("0.0", CultureInfo.InvariantCulture);

    public static double PercentileValue(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string N(double value, string format = "#,0") => value.ToString(format, CultureInfo.InvariantCulture);

    public static string Ms(TimeSpan time) => N(time.TotalMilliseconds, "#,0");

    public static string S(TimeSpan time) => N(time.TotalSeconds, "0.00") + " s";

    public static string Mb(long bytes) => N(bytes / (1024.0 * 1024.0), "0") + " MB";

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
                   ?? RuntimeInformation.ProcessArchitecture.ToString();
        }
        catch (IOException)
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }
    }
}

/// <summary>What Linux says about a process: resident memory and CPU time, from /proc.</summary>
public static class ProcStats
{
    /// <summary>VmRSS: resident memory now.</summary>
    public static long Rss(int pid) => StatusKb(pid, "VmRSS:") * 1024;

    /// <summary>VmHWM: the highest resident memory the process has had.</summary>
    public static long PeakRss(int pid) => StatusKb(pid, "VmHWM:") * 1024;

    /// <summary>User + system CPU time the process has used (utime + stime, in clock ticks of 1/100 s).</summary>
    public static TimeSpan Cpu(int pid) =>
        TimeSpan.FromSeconds((Ticks(pid, withChildren: false) ?? throw new IOException($"process {pid} has ended")) / 100.0);

    public static TimeSpan SelfCpu() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    /// <summary>The PostgreSQL server's postmaster, when the benchmarks run on one (<see cref="BenchEngine"/>); null on SQLite.</summary>
    public static int? DatabaseServer { get; set; }

    /// <summary>
    /// CPU time of the database server: its postmaster's and every process it started, live (their utime + stime) or ended
    /// (the postmaster's cutime + cstime, where a waited-for child's time goes); null on SQLite, which runs inside the suite.
    /// </summary>
    public static TimeSpan? DatabaseCpu()
    {
        if (DatabaseServer is not { } postmaster)
        {
            return null;
        }
        var ticks = Ticks(postmaster, withChildren: true) ?? 0;
        foreach (var directory in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && pid != postmaster && Fields(pid) is { } fields
                && fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            {
                ticks += Ticks(fields, withChildren: true);
            }
        }
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public static string LoadAverage()
    {
        try
        {
            return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "?";
        }
    }

    /// <summary>The fields of /proc/PID/stat after the command name (state first), or null once the process has gone.</summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static long? Ticks(int pid, bool withChildren) => Fields(pid) is { } fields ? Ticks(fields, withChildren) : null;

    private static long Ticks(string[] fields, bool withChildren)
    {
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return withChildren ? ticks + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture) : ticks;
    }

    private static long StatusKb(int pid, string key)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }
}

/// <summary>CPU used by the suite and by this benchmark process over one phase, and the wall time.</summary>
public sealed class PhaseClock
{
    private readonly int _pid;
    private readonly long _start = System.Diagnostics.Stopwatch.GetTimestamp();
    private readonly TimeSpan _serverCpu;
    private readonly TimeSpan _clientCpu;
    private readonly TimeSpan? _databaseCpu;

    public PhaseClock(int pid)
    {
        _pid = pid;
        _serverCpu = ProcStats.Cpu(pid);
        _clientCpu = ProcStats.SelfCpu();
        _databaseCpu = ProcStats.DatabaseCpu();
    }

    public Phase Stop(string name) =>
        new(name, System.Diagnostics.Stopwatch.GetElapsedTime(_start), ProcStats.Cpu(_pid) - _serverCpu, ProcStats.SelfCpu() - _clientCpu,
            ProcStats.DatabaseCpu() - _databaseCpu);
}

/// <param name="DatabaseCpu">The PostgreSQL server's CPU time over the phase (every backend's); null on SQLite, inside the suite.</param>
public sealed record Phase(string Name, TimeSpan Wall, TimeSpan ServerCpu, TimeSpan ClientCpu, TimeSpan? DatabaseCpu = null)
{
    public static string Header =>
        "| phase | wall | suite CPU | suite cores busy | benchmark client CPU | database server CPU |\n| --- | ---: | ---: | ---: | ---: | ---: |";

    public string TableRow =>
        $"| {Name} | {Report.S(Wall)} | {Report.S(ServerCpu)} | {Report.N(ServerCpu / Wall, "0.00")} | {Report.S(ClientCpu)} | {(DatabaseCpu is { } database ? Report.S(database) : "in the suite")} |";
}
