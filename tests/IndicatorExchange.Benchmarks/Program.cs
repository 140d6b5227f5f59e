using System.Diagnostics;
using IndicatorExchange.Benchmarks;

// dotnet run -c Release --project tests/IndicatorExchange.Benchmarks -- [all|ingest|reads|rebuild|national-load|footprint|propagation] [--quick]
//   [--samples=N] (propagation) [--seconds=N] (reads: measured seconds per call) [--window=N] (national-load: seconds the starts are spread over) [--no-profile] (no perf profiles)
//   [--regions=N] (generate N regions instead of the mode's 1 or 31, e.g. a larger quick ingest)
//   [--four-quarters] (full mode: also the four-quarter replay of the feed) [--output=PATH] (instead of docs/performance.md)
//   [--storage=sqlite|postgres] (the engine; postgres starts a durable throwaway server of Debian's binaries and writes docs/performance-postgres.md)
var name = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var quick = args.Contains("--quick");
if (args.Contains("--no-profile"))
{
    PerfProfile.Enabled = false;
}
await using var context = new BenchContext(quick, args);
// In this order: ingest loads the data set the next four use (national-load adds a quarter, before footprint measures); footprint stops its process; propagation has its own suite.
var benchmarks = new List<(string Name, Func<Task<Section>> Run)>
{
    ("ingest", () => IngestBenchmark.RunAsync(context)),
    ("reads", () => ReadsBenchmark.RunAsync(context)),
    ("rebuild", () => RebuildBenchmark.RunAsync(context)),
    ("national-load", () => NationalLoadBenchmark.RunAsync(context)),
    ("footprint", () => FootprintBenchmark.RunAsync(context)),
    ("propagation", () => PropagationBenchmark.RunAsync(context.Engine, samples: context.IntArg("--samples", quick ? 50 : 200))),
};
if (name != "all" && !benchmarks.Any(b => b.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
{
    Console.Error.WriteLine($"Unknown benchmark '{name}'. Known: all, {string.Join(", ", benchmarks.Select(b => b.Name))}; add --quick for the short mode.");
    return 2;
}
#if DEBUG
Console.Error.WriteLine("Warning: a Debug build; run with -c Release for figures worth reading.");
#endif

var loadBefore = ProcStats.LoadAverage();
var total = Stopwatch.StartNew();
var sections = new List<Section>();
foreach (var (key, run) in benchmarks.Where(b => name == "all" || b.Name.Equals(name, StringComparison.OrdinalIgnoreCase)))
{
    Console.WriteLine($"== {key} ({context.Mode}, {context.Engine.Name}) ==");
    var started = Stopwatch.StartNew();
    var section = await run();
    sections.Add(section);
    Console.WriteLine(Report.SummaryTable(section.Rows));
    Console.WriteLine($"   ({key} took {started.Elapsed.TotalSeconds:0} s)");
}
var command = "dotnet run -c Release --project tests/IndicatorExchange.Benchmarks --" + (args.Length > 0 ? " " + string.Join(" ", args) : "");
var modeNote = quick
    ? "**Quick mode** generates 1 region × 10 prefectures × 90 counties and 50 indicators (4,500 figures a quarter) instead of the national "
      + "31 regions, 330 prefectures, 2,850 counties and 200 indicators (570,000 figures a quarter), and measures reads and propagation for "
      + "less time: its verdicts are against these smaller figures, so a goal met in quick mode is not met nationally until the full mode says so."
    : "**Full mode**: the national data set of issue 8 (31 regions, 330 prefectures, 2,850 counties, 200 indicators, 570,000 figures a quarter).";
var output = args.FirstOrDefault(a => a.StartsWith("--output=", StringComparison.Ordinal))?["--output=".Length..];
var path = Report.Write(context.Mode, modeNote, context.Engine, command, loadBefore, ProcStats.LoadAverage(), total.Elapsed, sections, output);
Console.WriteLine();
Console.WriteLine($"== every row ({context.Mode} mode, {total.Elapsed.TotalSeconds:0} s) ==");
Console.WriteLine(Report.SummaryTable(sections.SelectMany(s => s.Rows)));
Console.WriteLine($"Written to {path}");
return 0;
