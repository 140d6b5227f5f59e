using IndicatorExchange.Indicator.Catalog;
using IndicatorExchange.Indicator.Demo;
using IndicatorExchange.Indicator.Submissions;
using IndicatorExchange.ServiceDefaults.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Services.Tests;

/// <summary>The demo loader logs what its submissions did, not the first load's answer repeated at every start.</summary>
public sealed class DemoLoaderTests
{
    [Fact]
    public async Task A_second_load_logs_nothing_created_and_every_figure_unchanged()
    {
        using var suite = new ReferenceOnlySuiteFactory();
        using var _ = suite.CreateChannel();
        var first = new ListLogger();
        var second = new ListLogger();
        var seedRows = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "DemoData", "seed-figures-2022.csv")).Count(l => l.Length > 0) - 1;

        await Loader(suite, first).StartAsync(CancellationToken.None);
        await Loader(suite, second).StartAsync(CancellationToken.None);

        Assert.Contains($"Demo figures: {seedRows} rows, {seedRows} created, 0 updated, 0 unchanged", first.Messages);
        Assert.Contains($"Demo figures: {seedRows} rows, 0 created, 0 updated, {seedRows} unchanged", second.Messages);
        var perBatch = second.Messages.Where(m => m.StartsWith("Demo figures for ", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(perBatch);
        Assert.All(perBatch, m => Assert.Contains(": 0 created, 0 updated, ", m));
    }

    private static IndicatorDemoLoader Loader(SuiteFactory suite, ListLogger logger) => new(
        Options.Create(new SuiteOptions { Demo = "true" }),
        suite.Services.GetRequiredService<ReferenceData>(),
        suite.Services.GetRequiredService<FigureSubmitter>(),
        TimeProvider.System,
        logger);

    private sealed class ListLogger : ILogger<IndicatorDemoLoader>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
