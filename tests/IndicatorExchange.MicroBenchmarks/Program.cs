using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/IndicatorExchange.MicroBenchmarks -- --filter '*' [--job short]
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
