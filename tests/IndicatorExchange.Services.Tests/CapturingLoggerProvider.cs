using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace IndicatorExchange.Services.Tests;

/// <summary>Keeps every log entry of Information and above (level, category, message) in a queue a test reads.</summary>
public sealed class CapturingLoggerProvider(ConcurrentQueue<(LogLevel Level, string Category, string Message)> logs) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, logs);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<(LogLevel, string, string)> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs.Enqueue((logLevel, category, formatter(state, exception)));
            }
        }
    }
}
