using System.Collections.Concurrent;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IndicatorExchange.ServiceDefaults.Hosting;

/// <summary>
/// Work that must finish after the server starts and before the process counts as ready (loading demo
/// targets needs the catalog over gRPC, so it cannot run before the server listens). While any is pending,
/// the gRPC health service answers NOT_SERVING.
/// </summary>
public sealed class StartupTasks : IHealthCheck
{
    private readonly ConcurrentDictionary<string, string> _pending = new();

    public void Begin(string name) => _pending[name] = name;

    public void End(string name) => _pending.TryRemove(name, out _);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_pending.IsEmpty
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"starting: {string.Join(", ", _pending.Keys)}"));
}
