using System.Runtime.InteropServices;

namespace IndicatorExchange.Benchmarks;

/// <summary>Writes the benchmark tables to docs/performance.md with the machine they ran on.</summary>
public static class Report
{
    public static string Write(IEnumerable<string> sections)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "IndicatorExchange.sln")))
        {
            root = root.Parent;
        }
        var path = Path.Combine(root?.FullName ?? ".", "docs", "performance.md");
        var machine = $"{Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, "
                      + $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0} GiB";
        var text = $"""
            # Performance

            Measured by `dotnet run -c Release --project tests/IndicatorExchange.Benchmarks` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.
            Machine: {machine}.

            {string.Join("\n\n", sections)}

            """;
        File.WriteAllText(path, text);
        return path;
    }

    public static string Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? "-" : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)].ToString("0.0");
}
