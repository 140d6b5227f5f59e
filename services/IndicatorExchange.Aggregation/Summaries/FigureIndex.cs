using System.Globalization;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Domain.Numbers;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>A reported figure in decimal form, with when it first arrived and whether it has open quality warnings.</summary>
public sealed record LeafFigure(decimal Value, decimal? GrowthPct, int Status, DateTimeOffset? FirstReceivedAt = null, bool HasOpenWarnings = false);

/// <summary>The figures of a summary's periods, looked up by org unit, indicator and period.</summary>
public sealed class FigureIndex : IFigureLookup
{
    private readonly Dictionary<(string OrgUnit, string Indicator, string Period), LeafFigure> _figures;

    public FigureIndex(IEnumerable<FigureRow> rows)
        : this(rows.Select(row => (row.OrgUnit, row.Indicator, row.Period, ToLeaf(row))))
    {
    }

    public static readonly FigureIndex Empty = new(Array.Empty<FigureRow>());

    public FigureIndex(IEnumerable<(string OrgUnit, string Indicator, string Period, LeafFigure Figure)> figures)
    {
        _figures = [];
        foreach (var (orgUnit, indicator, period, figure) in figures)
        {
            _figures[(orgUnit, indicator, period)] = figure;
        }
    }

    public IEnumerable<(string OrgUnit, string Indicator, string Period, LeafFigure Figure)> All =>
        _figures.Select(f => (f.Key.OrgUnit, f.Key.Indicator, f.Key.Period, f.Value));

    public LeafFigure? Find(string orgUnit, string indicator, string period) =>
        _figures.TryGetValue((orgUnit, indicator, period), out var figure) ? figure : null;

    /// <summary>Times are stored in the round-trip format ("O"); the general parser is the fallback.</summary>
    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    internal static LeafFigure ToLeaf(FigureRow row)
    {
        // Stored text was canonicalised by the indicator service; a row that does not parse is a bug upstream.
        var value = DecimalText.TryParse(row.Value, out var v) ? v : throw new InvalidDataException($"Stored value '{row.Value}' is not a decimal.");
        decimal? growth = row.YoyGrowthPct is not null && DecimalText.TryParse(row.YoyGrowthPct, out var g) ? g : null;
        var first = row.FirstReceivedAt ?? row.ReceivedAt;
        return new LeafFigure(value, growth, row.Status, string.IsNullOrEmpty(first) ? null : ParseTime(first), row.OpenWarnings > 0);
    }
}
