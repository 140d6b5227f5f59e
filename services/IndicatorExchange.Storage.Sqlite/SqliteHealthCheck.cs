using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace IndicatorExchange.Storage.Sqlite;

/// <summary>Healthy when the service's database opens and answers a query.</summary>
public sealed class SqliteHealthCheck(SqliteDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = database.Open();
            await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT 1", cancellationToken: cancellationToken));
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception)
        {
            return HealthCheckResult.Unhealthy($"{database.Path} cannot be read", exception);
        }
    }
}
