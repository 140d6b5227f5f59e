using Grpc.Core;
using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Domain.Catalog;

namespace IndicatorExchange.ServiceDefaults.Peers;

/// <summary>
/// The catalog, the org-unit tree and the deadlines, read from the indicator service of another process through the
/// client library (a service never reads another service's tables) and kept for <see cref="MaxAge"/>. A lookup of an
/// unknown code refreshes at once, so a newly added unit or indicator is seen immediately.
/// </summary>
public sealed class PeerCatalogSource(IndicatorExchangeClient peers, TimeProvider clock) : ICatalogSource
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private CatalogSnapshot? _snapshot;

    public async Task<CatalogSnapshot> GetAsync(CancellationToken cancellationToken, bool forceRefresh = false)
    {
        var snapshot = _snapshot;
        if (!forceRefresh && snapshot is not null && clock.GetUtcNow() - snapshot.LoadedAt < MaxAge)
        {
            return snapshot;
        }
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!forceRefresh && _snapshot is { } fresh && clock.GetUtcNow() - fresh.LoadedAt < MaxAge)
            {
                return fresh;
            }
            _snapshot = await ReadAsync(cancellationToken);
            return _snapshot;
        }
        catch (ServiceUnavailableException unavailable)
        {
            // What the caller of this service is told, as when the peer's own UNAVAILABLE passed through.
            throw new RpcException(new Status(StatusCode.Unavailable, $"指标服务暂时无法访问 / the indicator service is unavailable: {unavailable.Message}"));
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<CatalogSnapshot> ReadAsync(CancellationToken cancellationToken)
    {
        var indicators = await peers.ListAllIndicatorsAsync(cancellationToken);
        var orgUnits = await peers.ListAllOrgUnitsAsync(cancellationToken: cancellationToken);
        var periods = await peers.ListAllPeriodsAsync(cancellationToken);
        return new CatalogSnapshot(
            indicators.Select(CatalogMapping.ToDomain).ToList(),
            new OrgUnitTree(orgUnits.Select(CatalogMapping.ToDomain)),
            periods.ToDictionary(p => p.Code, p => p.Deadline.ToDateTimeOffset(), StringComparer.Ordinal),
            clock.GetUtcNow());
    }
}
