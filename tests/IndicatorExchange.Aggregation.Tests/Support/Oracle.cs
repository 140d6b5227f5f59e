using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Aggregation.Tests.Support;

/// <summary>
/// An independent model of what the rollups must say, computed straight from the newest revision of every
/// county figure (domain.md §4–5), without the aggregator's evaluator or calculator.
/// </summary>
internal sealed class Oracle(GeneratedTree tree, IReadOnlyDictionary<string, DateTimeOffset> deadlines)
{
    private readonly Dictionary<(string OrgUnit, string Indicator, string Period), FigureRow> _latest = [];
    private readonly Dictionary<(string OrgUnit, string Indicator, string Period), DateTimeOffset> _first = [];

    public void Add(FigureRow change)
    {
        var key = (change.OrgUnit, change.Indicator, change.Period);
        if (!_latest.TryGetValue(key, out var current) || change.Sequence > current.Sequence)
        {
            _latest[key] = change;
        }
        var received = DateTimeOffset.Parse(change.ReceivedAt, System.Globalization.CultureInfo.InvariantCulture);
        if (!_first.TryGetValue(key, out var first) || received < first)
        {
            _first[key] = received;
        }
    }

    public FigureRow? Latest(string orgUnit, string indicator, string period) => _latest.GetValueOrDefault((orgUnit, indicator, period));

    public IEnumerable<string> ReportingLeaves(string node, string indicator, string period) =>
        tree.LeavesUnder(node).Where(leaf => _latest.ContainsKey((leaf, indicator, period)));

    /// <summary>The expected numbers of a summed indicator's row over the children of <paramref name="node"/>; null when nothing below it reported.</summary>
    public ExpectedSum? Sum(string node, string indicator, string period)
    {
        var leaves = ReportingLeaves(node, indicator, period).ToList();
        if (leaves.Count == 0)
        {
            return null;
        }
        var children = tree.Tree.ChildrenOf(node).Select(c => c.Code).ToList();
        var reporting = children.Where(c => ReportingLeaves(c, indicator, period).Any()).ToList();
        var total = leaves.Sum(leaf => Value(leaf, indicator, period));
        var (growth, basis) = Growth(leaves, indicator, period);
        var counts = new StatusCounts();
        foreach (var child in reporting)
        {
            var below = ReportingLeaves(child, indicator, period).ToList();
            switch (below.Min(leaf => Latest(leaf, indicator, period)!.Status))
            {
                case 1: counts.Preliminary++; break;
                case 2: counts.Reported++; break;
                case 3: counts.Final++; break;
            }
            if (below.Any(leaf => Latest(leaf, indicator, period)!.OpenWarnings > 0))
            {
                counts.WithOpenWarnings++;
            }
            if (below.Any(leaf => _first[(leaf, indicator, period)] > deadlines[period]))
            {
                counts.Late++;
            }
            else
            {
                counts.OnTime++;
            }
        }
        return new ExpectedSum(total, growth, basis, children.Count, reporting.Count, children.Except(reporting).ToList(),
            Partial: tree.LeavesUnder(node).Count() > leaves.Count, counts);
    }

    /// <summary>
    /// Year-on-year growth over every reporting county below a node: G = Σ base_i g_i / Σ base_i, base_i the
    /// prior-year value when reported (g_i then the reported growth, else derived from the two values), else
    /// value / (1 + g_i / 100); unavailable when a county has neither.
    /// </summary>
    public (decimal? Growth, GrowthBasis Basis) Growth(IReadOnlyList<string> leaves, string indicator, string period)
    {
        var prior = Period.Parse(period).PriorYear().ToString();
        decimal baseSum = 0m, increaseSum = 0m;
        var bases = new HashSet<GrowthBasis>();
        foreach (var leaf in leaves)
        {
            var figure = Latest(leaf, indicator, period)!;
            var value = decimal.Parse(figure.Value, System.Globalization.CultureInfo.InvariantCulture);
            decimal? reported = figure.YoyGrowthPct is { } text ? decimal.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : null;
            decimal @base, growth;
            if (Latest(leaf, indicator, prior) is { } before && Value(leaf, indicator, prior) != 0m)
            {
                @base = decimal.Parse(before.Value, System.Globalization.CultureInfo.InvariantCulture);
                growth = reported ?? (value / @base - 1m) * 100m;
                bases.Add(GrowthBasis.PriorYearValue);
            }
            else if (reported is { } g && g != -100m)
            {
                @base = value / (1m + g / 100m);
                growth = g;
                bases.Add(GrowthBasis.ReportedGrowth);
            }
            else
            {
                return (null, GrowthBasis.Unavailable);
            }
            baseSum += @base;
            increaseSum += @base * growth / 100m;
        }
        if (baseSum == 0m)
        {
            return (null, GrowthBasis.Unavailable);
        }
        return (Round(increaseSum / baseSum * 100m), bases.Count == 1 ? bases.Single() : GrowthBasis.Mixed);
    }

    /// <summary>Σ v·w / Σ w over the given counties, rounded to the 10 places computed values keep; w as <see cref="WeightOf"/> finds it.</summary>
    public decimal WeightedMean(IEnumerable<string> leaves, string indicator, string weight, string period)
    {
        decimal weighted = 0m, weights = 0m;
        foreach (var leaf in leaves)
        {
            var w = WeightOf(leaf, weight, period)!.Value.Weight;
            weighted += Value(leaf, indicator, period) * w;
            weights += w;
        }
        return Round(weighted / weights);
    }

    /// <summary>
    /// A county's weight for a period: its weight figure of the period; else its year-end figure of the same year (the
    /// annual one, else Q4); else the year before's (annual, else Q4). Null when it has none of them.
    /// </summary>
    public (decimal Weight, string Period)? WeightOf(string leaf, string weight, string period)
    {
        var year = Period.Parse(period).Year;
        foreach (var candidate in new[] { period, $"{year}", $"{year}Q4", $"{year - 1}", $"{year - 1}Q4" })
        {
            if (Latest(leaf, weight, candidate) is not null)
            {
                return (Value(leaf, weight, candidate), candidate);
            }
        }
        return null;
    }

    /// <summary>The periods of the weights of these counties, in order of preference (own period, year-end, year before's).</summary>
    public IReadOnlyList<string> WeightPeriodsOf(IEnumerable<string> leaves, string weight, string period)
    {
        var year = Period.Parse(period).Year;
        var order = new[] { period, $"{year}", $"{year}Q4", $"{year - 1}", $"{year - 1}Q4" };
        var used = leaves.Select(leaf => WeightOf(leaf, weight, period)!.Value.Period).ToHashSet();
        return order.Distinct().Where(used.Contains).ToList();
    }

    public decimal Value(string leaf, string indicator, string period) =>
        decimal.Parse(Latest(leaf, indicator, period)!.Value, System.Globalization.CultureInfo.InvariantCulture);

    public static decimal Round(decimal value) => Math.Round(value, 10, MidpointRounding.AwayFromZero);
}

internal sealed record ExpectedSum(
    decimal Total,
    decimal? Growth,
    GrowthBasis Basis,
    int Expected,
    int Reported,
    IReadOnlyList<string> Missing,
    bool Partial,
    StatusCounts StatusCounts);
