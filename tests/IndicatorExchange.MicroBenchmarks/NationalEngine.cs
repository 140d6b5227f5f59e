using System.Diagnostics;
using System.Globalization;
using IndicatorExchange.Aggregation;
using IndicatorExchange.Aggregation.Rollups;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Storage.Sqlite;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.MicroBenchmarks;

/// <summary>
/// The rollup engine alone on national data, without gRPC or the other services: a quicker loop than the benchmark
/// program for work on the aggregator. Applies N quarters of 2,850 counties × 200 summed indicators through
/// <see cref="RollupEngine.ApplyAsync"/> in transactions of 10,000 revisions (the feed consumer's most; <c>--batch=N</c> for another size), then recomputes
/// every row from the stored figures three times, printing each time with the process's memory.
/// dotnet run -c Release --project tests/IndicatorExchange.MicroBenchmarks -- engine [--quarters=N] [--batch=N]
/// </summary>
public static class NationalEngine
{
    public static async Task RunAsync(int quarters, int batchSize)
    {
        var catalog = Catalog(quarters);
        var counties = catalog.Tree.All.Where(u => catalog.Tree.IsLeaf(u.Code)).Select(u => u.Code).Order(StringComparer.Ordinal).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"ix-engine-{Guid.NewGuid():N}.db");
        try
        {
            var database = new SqliteDatabase(path);
            MigrationRunner.Apply(database, typeof(AggregationServiceExtensions).Assembly);
            var engine = new RollupEngine(new SqliteRollupStore(database), new FixedCatalog(catalog), new RollupSignal(), logger: new ConsoleLogger());
            Console.WriteLine($"{counties.Count:#,0} counties, {catalog.Indicators.Count} indicators, {quarters} quarter(s) of 2025; {path}");
            var sequence = 0L;
            for (var quarter = 1; quarter <= quarters; quarter++)
            {
                var clock = Stopwatch.StartNew();
                var batch = new List<FigureRow>(batchSize);
                foreach (var county in counties)
                {
                    foreach (var indicator in catalog.Indicators)
                    {
                        sequence++;
                        batch.Add(new FigureRow
                        {
                            OrgUnit = county, Indicator = indicator.Code, Period = $"2025Q{quarter}",
                            Value = (100m + sequence % 997 * 0.13m).ToString(CultureInfo.InvariantCulture), YoyGrowthPct = "3.5",
                            Status = 2, Revision = 1, Sequence = sequence, ReceivedAt = "2025-04-10T08:00:00.0000000+00:00",
                        });
                        if (batch.Count == batchSize)
                        {
                            await engine.ApplyAsync("indicator", batch, CancellationToken.None);
                            batch = new List<FigureRow>(batchSize);
                        }
                    }
                }
                if (batch.Count > 0)
                {
                    await engine.ApplyAsync("indicator", batch, CancellationToken.None);
                }
                Report($"applied 2025Q{quarter}: {counties.Count * catalog.Indicators.Count:#,0} revisions", clock.Elapsed);
            }
            for (var run = 1; run <= 3; run++)
            {
                var clock = Stopwatch.StartNew();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var rows = await engine.RecomputeAllAsync(CancellationToken.None);
                Report($"recomputed every value from the stored figures, run {run}: {rows:#,0} values, " +
                       $"{(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.00} s of CPU", clock.Elapsed);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static void Report(string what, TimeSpan elapsed)
    {
        var status = File.ReadAllLines("/proc/self/status");
        string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[(name.Length + 1)..].Trim() ?? "?";
        Console.WriteLine($"{what} in {elapsed.TotalSeconds:0.00} s; RSS {Field("VmRSS")}, peak {Field("VmHWM")}; " +
                          $"{GC.GetTotalAllocatedBytes() / 1e9:0.00} GB allocated so far, {GC.CollectionCount(2)} gen2 collections");
    }

    /// <summary>31 regions, 330 prefectures, 2,850 counties under a nation root; 200 summed indicators in 亿元.</summary>
    private static CatalogSnapshot Catalog(int quarters)
    {
        var units = new List<OrgUnitDefinition> { new("100000", "全国", "Nation", OrgUnitLevel.Province, null) };
        for (var region = 0; region < 31; region++)
        {
            var regionCode = $"{11 + region}0000";
            units.Add(new OrgUnitDefinition(regionCode, $"省{region}", $"Region {region}", OrgUnitLevel.Province, "100000"));
            for (var prefecture = 0; prefecture < (region < 20 ? 11 : 10); prefecture++)
            {
                var index = units.Count(u => u.Level == OrgUnitLevel.Prefecture);
                var prefectureCode = $"{11 + region}{prefecture + 1:00}00";
                units.Add(new OrgUnitDefinition(prefectureCode, $"市{prefecture}", $"Prefecture {prefecture}", OrgUnitLevel.Prefecture, regionCode));
                for (var county = 0; county < (index < 210 ? 9 : 8); county++)
                {
                    units.Add(new OrgUnitDefinition($"{11 + region}{prefecture + 1:00}{county + 1:00}", $"县{county}", $"County {county}", OrgUnitLevel.County, prefectureCode));
                }
            }
        }
        var indicators = Enumerable.Range(0, 200)
            .Select(i => new IndicatorDefinition($"N{i:000}", $"指标{i}", $"Indicator {i}", "亿元", Accumulation.YearToDate, AggregationRule.Sum, null, 2, ""))
            .ToList();
        var deadlines = Enumerable.Range(1, quarters).ToDictionary(q => $"2025Q{q}", q => new DateTimeOffset(2025, 3 * q + 1, 15, 0, 0, 0, TimeSpan.Zero));
        return new CatalogSnapshot(indicators, new OrgUnitTree(units), deadlines, DateTimeOffset.UtcNow);
    }

    /// <summary>Prints the engine's own log lines (a recomputation's phases) between the figures.</summary>
    private sealed class ConsoleLogger : Microsoft.Extensions.Logging.ILogger<RollupEngine>
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => logLevel >= Microsoft.Extensions.Logging.LogLevel.Information;

        public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state, Exception? exception,
            Func<TState, Exception?, string> formatter) => Console.WriteLine($"  engine: {formatter(state, exception)}");
    }
}
