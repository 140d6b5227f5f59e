using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.ServiceDefaults.Peers;

namespace IndicatorExchange.ServiceDefaults.Catalog;

/// <summary>
/// The catalog, the org-unit tree and the deadlines, fetched from the indicator service over gRPC (a service
/// never reads another service's tables) and kept for <see cref="MaxAge"/>. A lookup of an unknown
/// code refreshes at once, so a newly added unit or indicator is seen immediately.
/// </summary>
public sealed class CatalogClient(PeerChannels peers, TimeProvider clock) : ICatalogSource
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);
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
            var client = new IndicatorService.IndicatorServiceClient(peers.Indicator);
            var indicators = await ReadAllAsync(async token =>
            {
                var page = await client.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 1000, PageToken = token }, Deadline(cancellationToken));
                return (page.Indicators.Select(ToDomain), page.NextPageToken);
            });
            var orgUnits = await ReadAllAsync(async token =>
            {
                var page = await client.ListOrgUnitsAsync(new ListOrgUnitsRequest { PageSize = 1000, PageToken = token }, Deadline(cancellationToken));
                return (page.OrgUnits.Select(ToDomain), page.NextPageToken);
            });
            var periods = await ReadAllAsync(async token =>
            {
                var page = await client.ListPeriodsAsync(new ListPeriodsRequest { PageSize = 1000, PageToken = token }, Deadline(cancellationToken));
                return (page.Periods.Select(p => (p.Code, Deadline: p.Deadline.ToDateTimeOffset())), page.NextPageToken);
            });
            _snapshot = new CatalogSnapshot(indicators, new OrgUnitTree(orgUnits),
                periods.ToDictionary(p => p.Code, p => p.Deadline, StringComparer.Ordinal), clock.GetUtcNow());
            return _snapshot;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static CallOptions Deadline(CancellationToken cancellationToken) =>
        new(deadline: DateTime.UtcNow.Add(CallDeadline), cancellationToken: cancellationToken);

    private static async Task<List<T>> ReadAllAsync<T>(Func<string, Task<(IEnumerable<T> Items, string Next)>> readPage)
    {
        var all = new List<T>();
        var token = "";
        do
        {
            var (items, next) = await readPage(token);
            all.AddRange(items);
            token = next;
        }
        while (token.Length > 0);
        return all;
    }

    private static IndicatorDefinition ToDomain(Contracts.Indicator.V1.Indicator indicator) => new(
        indicator.Code,
        indicator.NameZh,
        indicator.NameEn,
        indicator.Unit,
        indicator.Accumulation switch
        {
            Contracts.Indicator.V1.Accumulation.Stock => Domain.Catalog.Accumulation.Stock,
            Contracts.Indicator.V1.Accumulation.Period => Domain.Catalog.Accumulation.Period,
            _ => Domain.Catalog.Accumulation.YearToDate,
        },
        indicator.Aggregation switch
        {
            Contracts.Indicator.V1.Aggregation.Sum => AggregationRule.Sum,
            Contracts.Indicator.V1.Aggregation.WeightedMean => AggregationRule.WeightedMean,
            Contracts.Indicator.V1.Aggregation.Rate => AggregationRule.Rate,
            _ => AggregationRule.None,
        },
        indicator.WeightIndicator.Length == 0 ? null : indicator.WeightIndicator,
        indicator.DisplayPrecision,
        indicator.Description)
    {
        JanFebCombined = indicator.JanFebCombined,
    };

    private static OrgUnitDefinition ToDomain(OrgUnit unit) => new(
        unit.Code,
        unit.NameZh,
        unit.NameEn,
        unit.Level switch
        {
            Contracts.Indicator.V1.OrgUnitLevel.Nation => Domain.Catalog.OrgUnitLevel.Nation,
            Contracts.Indicator.V1.OrgUnitLevel.Province => Domain.Catalog.OrgUnitLevel.Province,
            Contracts.Indicator.V1.OrgUnitLevel.Prefecture => Domain.Catalog.OrgUnitLevel.Prefecture,
            _ => Domain.Catalog.OrgUnitLevel.County,
        },
        unit.ParentCode.Length == 0 ? null : unit.ParentCode)
    {
        ValidFrom = Date(unit.ValidFrom),
        ClosedOn = Date(unit.ClosedOn),
        MergedInto = unit.MergedInto.Length == 0 ? null : unit.MergedInto,
    };

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date)
            ? date
            : null;
}
