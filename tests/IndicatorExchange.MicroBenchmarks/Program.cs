using BenchmarkDotNet.Running;
using IndicatorExchange.Aggregation.Feed;
using IndicatorExchange.MicroBenchmarks;

// dotnet run -c Release --project tests/IndicatorExchange.MicroBenchmarks -- --filter '*' [--job short]
// dotnet run -c Release --project tests/IndicatorExchange.MicroBenchmarks -- engine [--quarters=N] [--batch=N]   (the rollup engine on national data)
if (args.FirstOrDefault() == "engine")
{
    var quarters = args.FirstOrDefault(a => a.StartsWith("--quarters=", StringComparison.Ordinal)) is { } option ? int.Parse(option["--quarters=".Length..]) : 1;
    var batch = args.FirstOrDefault(a => a.StartsWith("--batch=", StringComparison.Ordinal)) is { } size ? int.Parse(size["--batch=".Length..]) : ChangeFeedConsumer.MaxRevisionsPerTransaction;
    await NationalEngine.RunAsync(quarters, batch);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
