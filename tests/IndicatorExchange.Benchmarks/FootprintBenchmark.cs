using System.Diagnostics;
using System.Text.Json;
using Grpc.Health.V1;
using IndicatorExchange.Testing;

namespace IndicatorExchange.Benchmarks;

/// <summary>
/// Issue 8, figure 5: resident memory (VmRSS of the suite process) idle after a fresh start and with the national data
/// loaded, and the time from starting the process to the first SERVING health answer, over three starts each.
/// </summary>
public static class FootprintBenchmark
{
    private const long Budget = 500L * 1024 * 1024;
    private const int Starts = 3;

    public static async Task<Section> RunAsync(BenchContext context)
    {
        var settle = TimeSpan.FromSeconds(context.Quick ? 2 : 5);
        var national = await context.NationalAsync();
        var pid = national.Suite.ProcessId;
        var loaded = national.RssLoaded;
        var loadedNow = ProcStats.Rss(pid);
        var loadedPeak = ProcStats.PeakRss(pid);
        var loadedParts = RssParts(pid);
        var quarters = national.QuartersLoaded;
        var databaseSize = national.ConnectionString is { } connectionString
            ? await BenchEngine.DatabaseSizeAsync(connectionString)
            : Directory.GetFiles(national.Directory, "*.db*").Sum(file => new FileInfo(file).Length);
        var figures = national.Data.FiguresPerQuarter * quarters;
        await national.StopProcessAsync();

        // The floor: the same executable starting the runtime, printing its help and exiting.
        var help = Stopwatch.StartNew();
        await SuiteProcess.RunCommandAsync("--help");
        var runtimeFloor = help.Elapsed;

        Console.WriteLine("  fresh starts …");
        var fresh = new List<Start>();
        for (var i = 0; i < Starts; i++)
        {
            var directory = Directory.CreateTempSubdirectory("ix-bench-start-").FullName;
            try
            {
                fresh.Add(await StartAsync(directory, settle, ["--demo=reference", .. await context.Engine.SuiteArgumentsAsync("fresh"), .. NationalSuite.Arguments]));
            }
            finally
            {
                try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
            }
        }
        Console.WriteLine("  restarts on the loaded data …");
        var restarts = new List<Start>();
        for (var i = 0; i < Starts; i++)
        {
            restarts.Add(await StartAsync(national.Directory, settle, [.. national.Storage, .. NationalSuite.Arguments]));
        }

        var worstFreshRss = fresh.Max(s => s.Rss);
        var worstRestartRss = restarts.Max(s => s.Rss);
        var medianFresh = fresh.Select(s => s.ToServing).Order().ElementAt(Starts / 2);
        var medianRestart = restarts.Select(s => s.ToServing).Order().ElementAt(Starts / 2);
        var worstFresh = fresh.Max(s => s.ToServing);
        var worstRestart = restarts.Max(s => s.ToServing);
        var data = $"{Report.N(figures)} figures, {quarters} quarter(s)";
        var rows = new List<Row>
        {
            new("footprint", $"RSS idle, {settle.TotalSeconds:0} s after a fresh start (`--demo=reference`), worst of {Starts}", Report.Mb(worstFreshRss), "", "< 500 MB", worstFreshRss < Budget),
            new("footprint", $"RSS with the data loaded: right after one quarter ({Report.N(national.Data.FiguresPerQuarter)} figures) was ingested and rolled up", Report.Mb(loaded), "", "< 500 MB", loaded < Budget),
            new("footprint", $"RSS of that process after the other benchmarks ({data}); its peak (VmHWM)", $"{Report.Mb(loadedNow)}; peak {Report.Mb(loadedPeak)}", "", "< 500 MB", loadedPeak < Budget),
            new("footprint", $"RSS idle, {settle.TotalSeconds:0} s after a restart on the loaded data ({data}), worst of {Starts}", Report.Mb(worstRestartRss), "", "< 500 MB", worstRestartRss < Budget),
            new("footprint", $"start-up to SERVING, fresh data directory (`--demo=reference`), median of {Starts}", $"{Report.S(medianFresh)} (worst {Report.S(worstFresh)})",
                $"{Report.S(runtimeFloor)} (`--help`)", "< 2 s", medianFresh < TimeSpan.FromSeconds(2)),
            new("footprint", $"start-up to SERVING, on the loaded data, median of {Starts}", $"{Report.S(medianRestart)} (worst {Report.S(worstRestart)})",
                $"{Report.S(runtimeFloor)} (`--help`)", "< 2 s", medianRestart < TimeSpan.FromSeconds(2)),
        };
        var body = $"""
            ## Footprint: memory and start-up

            Resident memory is `VmRSS` from `/proc/<pid>/status` of the suite process (`dotnet indicatorexchange.dll`, the runtime and all three
            services in one process), read {settle.TotalSeconds:0} s after it answered SERVING; the peak is `VmHWM`. Start-up is the time from
            starting the process to the first SERVING answer of `grpc.health.v1.Health/Check`, polled every 100 ms (so up to 0.1 s too long).
            The baseline is the same executable starting the runtime, printing `--help` and exiting. GC: in the executable's
            runtimeconfig.json, {GcSettings()}.

            | start | to SERVING | RSS idle | of which anonymous / file-backed |
            | --- | ---: | ---: | ---: |
            {string.Join("\n", fresh.Select((s, i) => s.TableRow($"fresh, `--demo=reference` #{i + 1}")))}
            {string.Join("\n", restarts.Select((s, i) => s.TableRow($"restart on the loaded data #{i + 1}")))}

            The loading process: {Report.Mb(loaded)} right after the first quarter was rolled up, {Report.Mb(loadedNow)} after the other
            benchmarks ({loadedParts}), peak {Report.Mb(loadedPeak)}.{(national.ConnectionString is null
                ? $" Its SQLite files (with their write-ahead logs) held {Report.Mb(databaseSize)} on disk at that point."
                : $" The PostgreSQL server runs in processes of its own, not counted here; the suite's database held {Report.Mb(databaseSize)} on disk (`pg_database_size`) at that point.")} Its peak after each phase run on it:

            | after | peak (VmHWM) | rise |
            | --- | ---: | ---: |
            {string.Join("\n", national.Peaks.Select((p, i) => $"| {p.After} | {Report.Mb(p.Peak)} | {(i == 0 ? "" : Report.Mb(p.Peak - national.Peaks[i - 1].Peak))} |"))}

            ### Where the memory and the start-up time go

            From `/proc/<pid>/status` only (no heap dump): the anonymous part of the resident memory is the managed heaps (server GC keeps a heap
            per core and grows them generously under load) and native allocations, including SQLite's page caches; the file-backed part is the
            mapped runtime, framework and application assemblies. Two bounds hold the peak of a load: each GC heap's allocation budget is
            capped at 16 MiB (`System.GC.Gen0MaxBudget` in the host's project; the GC sizes it from the L3 cache the machine reports, up to
            200 MB a heap, and the same benchmarks peaked at 641 MB without the cap, 581 MB at 32 MiB, 523 MB at 8 MiB), and the rollup
            engine keeps at most 150,000 inner-node values between transactions (every quarter loaded had stayed in the heap, about 25 MB each). {(worstRestartRss < loadedNow
                ? $"A restart on the same data needs only {Report.Mb(worstRestartRss)}, so what the loading process holds beyond that is what loading and rolling up allocated and the GC kept, not data the suite needs resident."
                : $"A restart on the same data needs {Report.Mb(worstRestartRss)} as well, so the memory grows with the data held.")} Of the start-up time,
            {Report.S(runtimeFloor)} is the runtime starting the executable at all (the `--help` baseline); the rest is the host building its
            services (ASP.NET Core, gRPC, the first JIT compilations), opening the three SQLite databases, loading the reference data and
            answering the first health check. {(medianFresh - medianRestart > TimeSpan.FromSeconds(0.1)
                ? $"A fresh start takes {Report.S(medianFresh - medianRestart)} more than a restart (medians): creating and migrating the databases and loading the demo's reference data (`--demo=reference`)."
                : "A fresh start (creating and migrating the databases, loading the demo's reference data) takes about as long as a restart on the loaded data (medians).")}
            This is a stopwatch from outside the process; no profiler was attached to the start-ups.
            """;
        return new Section(rows, body);
    }

    private static async Task<Start> StartAsync(string directory, TimeSpan settle, params string[] arguments)
    {
        var stopwatch = Stopwatch.StartNew();
        await using var suite = await SuiteProcess.StartAsync(directory, arguments);
        var toServing = stopwatch.Elapsed;
        await Task.Delay(settle);
        var status = await new Health.HealthClient(suite.Channel).CheckAsync(new HealthCheckRequest());
        if (status.Status != HealthCheckResponse.Types.ServingStatus.Serving)
        {
            throw new InvalidOperationException("the suite stopped serving while idle");
        }
        return new Start(toServing, ProcStats.Rss(suite.ProcessId), RssParts(suite.ProcessId));
    }

    private static string RssParts(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        long Kb(string key) => long.Parse(status.First(l => l.StartsWith(key, StringComparison.Ordinal))[key.Length..].Trim().Split(' ')[0],
            System.Globalization.CultureInfo.InvariantCulture);
        return $"{Report.Mb(Kb("RssAnon:") * 1024)} / {Report.Mb((Kb("RssFile:") + Kb("RssShmem:")) * 1024)}";
    }

    /// <summary>The GC settings of the host's runtimeconfig.json: server GC, and the cap on each heap's allocation budget.</summary>
    private static string GcSettings()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IndicatorExchange.sln")))
        {
            directory = directory.Parent;
        }
        var path = Path.Combine(directory?.FullName ?? ".", "services", "IndicatorExchange.Host", "bin", "Release", "net10.0", "indicatorexchange.runtimeconfig.json");
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");
            var server = properties.TryGetProperty("System.GC.Server", out var on) ? (on.GetBoolean() ? "on" : "off") : "not set (off)";
            var budget = properties.TryGetProperty("System.GC.Gen0MaxBudget", out var bytes)
                ? $"each heap's allocation budget (generation 0) capped at {Report.Mb(bytes.GetInt64())}"
                : "the allocation budget not capped";
            return $"server GC is {server} and {budget}";
        }
        catch (Exception exception) when (exception is IOException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return "the GC settings are unknown";
        }
    }

    private sealed record Start(TimeSpan ToServing, long Rss, string Parts)
    {
        public string TableRow(string name) => $"| {name} | {Report.S(ToServing)} | {Report.Mb(Rss)} | {Parts} |";
    }
}
