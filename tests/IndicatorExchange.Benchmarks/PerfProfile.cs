using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace IndicatorExchange.Benchmarks;

/// <summary>
/// A sampling CPU profile of the suite process with Linux <c>perf</c> (<c>perf record -F 499 -g -p PID</c>), when perf is
/// on the machine and works: the suite is started with <c>DOTNET_PerfMapEnabled=1</c> so perf can name JIT-compiled
/// methods (and with W^X double mapping off, so that the JIT-compiled code is where the map says). Self time only: the
/// share of samples by where the code lives, by assembly, and the top methods.
/// </summary>
public sealed partial class PerfProfile
{
    public const int Frequency = 499;

    private readonly Process _perf;
    private readonly string _file;
    private bool _stopped;

    private PerfProfile(Process perf, string file)
    {
        _perf = perf;
        _file = file;
    }

    /// <summary>Whether profiles are taken: perf can record here, and the run was not started with --no-profile.</summary>
    public static bool Enabled { get; set; } = Probe();

    public static IReadOnlyDictionary<string, string> SuiteEnvironment =>
        Enabled
            ? new Dictionary<string, string> { ["DOTNET_PerfMapEnabled"] = "1", ["DOTNET_EnableWriteXorExecute"] = "0" }
            : new Dictionary<string, string>();

    public static string Method =>
        Enabled
            ? $"`perf record -F {Frequency}` attached to the suite process for the phase (self time only; this suite process runs with `DOTNET_PerfMapEnabled=1` and `DOTNET_EnableWriteXorExecute=0` so that perf can name JIT-compiled methods)"
            : "no sampling profiler (Linux `perf` is not available here), so a stopwatch breakdown only";

    public static async Task<PerfProfile?> StartAsync(int pid, string directory, string name)
    {
        if (!Enabled)
        {
            return null;
        }
        var file = Path.Combine(directory, $"{name}.perf.data");
        var start = new ProcessStartInfo("perf") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "record", "-q", "-F", Frequency.ToString(CultureInfo.InvariantCulture), "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", file })
        {
            start.ArgumentList.Add(argument);
        }
        var perf = Process.Start(start);
        if (perf is null)
        {
            return null;
        }
        _ = perf.StandardOutput.ReadToEndAsync();
        _ = perf.StandardError.ReadToEndAsync();
        await Task.Delay(300); // perf attaches to every thread of the process
        return new PerfProfile(perf, file);
    }

    /// <summary>Stops recording (SIGINT, so perf writes its file); quick, unlike <see cref="SummaryAsync"/>.</summary>
    public async Task StopRecordingAsync()
    {
        if (_stopped)
        {
            return;
        }
        _stopped = true;
        using (var kill = Process.Start("kill", ["-INT", _perf.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _perf.WaitForExitAsync(timeout.Token);
        _perf.Dispose();
    }

    /// <summary>
    /// The profile as markdown: the share of samples by where the code lives (JIT-compiled .NET code, the JIT compiler, the
    /// runtime, SQLite, the kernel…), the share of JIT-compiled code by assembly, and the top methods by self time.
    /// </summary>
    public async Task<string> SummaryAsync(int rows = 10)
    {
        await StopRecordingAsync();
        try
        {
            var symbols = Parse(await ReportAsync("--sort", "dso,symbol"));
            if (symbols.Count == 0)
            {
                return "(perf recorded no samples)";
            }
            var byLibrary = symbols.GroupBy(s => Library(s.Library)).Select(g => (Name: g.Key, Percent: g.Sum(s => s.Percent)))
                .OrderByDescending(g => g.Percent).Where(g => g.Percent >= 0.5).ToList();
            var managed = symbols.Where(s => s.Library.StartsWith("[JIT]", StringComparison.Ordinal)).ToList();
            var byAssembly = managed.GroupBy(s => Assembly(s.Name)).Select(g => (Name: g.Key, Percent: g.Sum(s => s.Percent)))
                .OrderByDescending(g => g.Percent).Where(g => g.Percent >= 0.5).Take(rows).ToList();
            var text = new StringBuilder();
            text.AppendLine($"Samples by where the code runs: {string.Join(", ", byLibrary.Select(l => $"{l.Name} {l.Percent:0}%"))}.");
            if (byAssembly.Count > 0)
            {
                text.AppendLine($"JIT-compiled code by assembly: {string.Join(", ", byAssembly.Select(a => $"{a.Name} {a.Percent:0.0}%"))}.");
            }
            text.AppendLine();
            text.AppendLine("| self time | method (JIT-compiled) or native symbol |");
            text.AppendLine("| ---: | --- |");
            foreach (var entry in symbols.Where(s => !s.Name.StartsWith("0x", StringComparison.Ordinal)).Take(rows))
            {
                text.AppendLine($"| {entry.Percent:0.0}% | `{Shorten(entry.Name)}`{(entry.Library.StartsWith("[JIT]", StringComparison.Ordinal) ? "" : $" ({Library(entry.Library)})")} |");
            }
            return text.ToString().TrimEnd();
        }
        finally
        {
            try { File.Delete(_file); } catch (IOException) { }
        }
    }

    private static string Library(string dso) => dso switch
    {
        _ when dso.StartsWith("[JIT]", StringComparison.Ordinal) => "JIT-compiled .NET code",
        "libclrjit.so" => "the JIT compiler",
        "libcoreclr.so" => "the runtime (GC, type system, stubs)",
        "[kernel.kallsyms]" => "the kernel (syscalls, I/O, scheduling, page faults)",
        "libe_sqlite3.so" => "SQLite",
        "libc.so.6" or "ld-linux-x86-64.so.2" => "libc",
        _ when dso.EndsWith(".dll", StringComparison.Ordinal) => "precompiled (ReadyToRun) framework code",
        _ => dso,
    };

    /// <summary>"instance void [Google.Protobuf] Google.Protobuf.X::Y(...)" → "Google.Protobuf"; stubs → "runtime stubs".</summary>
    private static string Assembly(string symbol)
    {
        var open = symbol.IndexOf(" [", StringComparison.Ordinal);
        var close = open < 0 ? -1 : symbol.IndexOf(']', open);
        return symbol.StartsWith("stub ", StringComparison.Ordinal) || open < 0 || close < 0 ? "runtime stubs" : symbol[(open + 2)..close];
    }

    /// <summary>Removes the perf map files the runtime wrote for a process that has ended.</summary>
    public static void DeleteMaps(int pid)
    {
        foreach (var file in new[] { $"/tmp/perf-{pid}.map", $"/tmp/perfinfo-{pid}.map" })
        {
            try { File.Delete(file); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    private async Task<string> ReportAsync(params string[] options)
    {
        var start = new ProcessStartInfo("perf") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "report", "-i", _file, "--stdio", "--no-children" }.Concat(options))
        {
            start.ArgumentList.Add(argument);
        }
        using var report = Process.Start(start)!;
        var output = report.StandardOutput.ReadToEndAsync();
        _ = report.StandardError.ReadToEndAsync();
        await report.WaitForExitAsync();
        return await output;
    }

    /// <summary>Lines like "  12.34%  libfoo.so  [.] symbol" or "  40.00%  1.00%  [.] symbol": the first percentage, the library if any, the symbol.</summary>
    private static List<(double Percent, string Library, string Name)> Parse(string report)
    {
        var entries = new List<(double, string, string)>();
        foreach (var line in report.Split('\n'))
        {
            var match = ReportLine().Match(line);
            if (match.Success)
            {
                entries.Add((double.Parse(match.Groups["percent"].Value, CultureInfo.InvariantCulture), match.Groups["library"].Value.Trim(),
                    match.Groups["symbol"].Value.Trim()));
            }
        }
        return entries;
    }

    /// <summary>"instance void [Module] Namespace.Type::Method(args)[OptimizedTier1]" → "Namespace.Type::Method".</summary>
    private static string Shorten(string symbol)
    {
        var name = symbol;
        var module = name.IndexOf("] ", StringComparison.Ordinal);
        if (name.Contains("::", StringComparison.Ordinal) && module >= 0 && module < name.IndexOf("::", StringComparison.Ordinal))
        {
            name = name[(module + 2)..];
        }
        var arguments = name.IndexOf('(');
        if (arguments > 0 && name.Contains("::", StringComparison.Ordinal))
        {
            name = name[..arguments];
        }
        name = name.Replace("`", "'", StringComparison.Ordinal).Replace("|", "¦", StringComparison.Ordinal);
        return name.Length > 120 ? name[..117] + "…" : name;
    }

    private static bool Probe()
    {
        var file = Path.GetTempFileName();
        try
        {
            using var perf = Process.Start(new ProcessStartInfo("perf", ["record", "-q", "-o", file, "--", "true"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            });
            if (perf is null)
            {
                return false;
            }
            _ = perf.StandardOutput.ReadToEndAsync();
            _ = perf.StandardError.ReadToEndAsync();
            return perf.WaitForExit(10_000) && perf.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
        finally
        {
            File.Delete(file);
        }
    }

    [GeneratedRegex(@"^\s+(?<percent>\d+\.\d+)%\s+(?<library>\[JIT\] tid \d+|\S+)\s+\[[.k]\]\s(?<symbol>.+?)(\s+-\s+-)?\s*$")]
    private static partial Regex ReportLine();
}
