using IndicatorExchange.Benchmarks;

var name = args.FirstOrDefault() ?? "all";
var benchmarks = new Dictionary<string, Func<Task<string>>>(StringComparer.OrdinalIgnoreCase)
{
    ["propagation"] = () => PropagationBenchmark.RunAsync(samples: ArgValue(args, "--samples", 200)),
};
if (name != "all" && !benchmarks.ContainsKey(name))
{
    Console.Error.WriteLine($"Unknown benchmark '{name}'. Known: all, {string.Join(", ", benchmarks.Keys)}");
    return 2;
}
var report = new List<string>();
foreach (var (key, run) in benchmarks.Where(b => name == "all" || b.Key.Equals(name, StringComparison.OrdinalIgnoreCase)))
{
    Console.WriteLine($"== {key} ==");
    report.Add(await run());
}
var path = Report.Write(report);
Console.WriteLine($"Written to {path}");
return 0;

static int ArgValue(string[] args, string option, int fallback) =>
    args.FirstOrDefault(a => a.StartsWith(option + "=", StringComparison.Ordinal)) is { } arg && int.TryParse(arg[(option.Length + 1)..], out var value)
        ? value
        : fallback;
