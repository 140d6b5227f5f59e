using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Indicator.V1;

namespace IndicatorExchange.Cli.Input;

/// <summary>The indicator catalog, to turn codes and names (Chinese or English) into indicators.</summary>
public sealed class IndicatorCatalog
{
    private readonly Dictionary<string, Indicator> _byCode;
    private readonly Dictionary<string, Indicator> _byName;

    public IndicatorCatalog(IReadOnlyList<Indicator> indicators, DateTimeOffset? cachedAt = null)
    {
        Indicators = ReportOrder.Sort(indicators, i => i.Code, indicators).ToList();
        CachedAt = cachedAt;
        _byCode = new Dictionary<string, Indicator>(StringComparer.OrdinalIgnoreCase);
        _byName = new Dictionary<string, Indicator>(StringComparer.OrdinalIgnoreCase);
        foreach (var indicator in indicators)
        {
            _byCode[indicator.Code] = indicator;
            _byName.TryAdd(indicator.NameZh, indicator);
            _byName.TryAdd(indicator.NameEn, indicator);
        }
    }

    /// <summary>In the catalog's report order (GDP first; <see cref="Indicator.ReportOrder"/>, then code).</summary>
    public IReadOnlyList<Indicator> Indicators { get; }

    /// <summary>When the catalog was read from the local cache because the service was unreachable: when it was cached.</summary>
    public DateTimeOffset? CachedAt { get; }

    public Indicator? ByCode(string code) => _byCode.GetValueOrDefault(code.Trim());

    /// <summary>By Chinese or English name, or by code.</summary>
    public Indicator? ByName(string name) => _byName.GetValueOrDefault(name.Trim()) ?? ByCode(name);

    public int DisplayPrecision(string code) => ByCode(code)?.DisplayPrecision ?? 2;
}
