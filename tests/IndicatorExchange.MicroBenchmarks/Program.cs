using BenchmarkDotNet.Running;
using IndicatorExchange.MicroBenchmarks;

// dotnet run -c Release --project tests/IndicatorExchange.MicroBenchmarks -- --filter '*' [--job short]
// dotnet run -c Release --project tests/IndicatorExchange.MicroBenchmarks -- engine [--quarters=N]   (the rollup engine on national data)
if (args.FirstOrDefault() == "engine")
{
    var quarters = args.FirstOrDefault(a => a.StartsWith("--quarters=", StringComparison.Ordinal)) is { } option ? int.Parse(option["--quarters=".Length..]) : 1;
    await NationalEngine.RunAsync(quarters);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
