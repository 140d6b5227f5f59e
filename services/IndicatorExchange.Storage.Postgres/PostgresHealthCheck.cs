using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IndicatorExchange.Storage.Postgres;

/// <summary>Healthy when the service's database accepts a connection and answers a query.</summary>
public sealed class PostgresHealthCheck(PostgresDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy($"{database.Description} cannot be reached", exception);
        }
    }
}
