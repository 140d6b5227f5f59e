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
    internal static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    internal static LeafFigure ToLeaf(FigureRow row) =>
        ToLeaf(row.Value, row.YoyGrowthPct, row.Status, row.FirstReceivedAt ?? row.ReceivedAt, row.OpenWarnings);

    private static LeafFigure ToLeaf(string valueText, string? growthText, int status, string? firstReceivedAt, int openWarnings)
    {
        // Stored text was canonicalised by the indicator service; a row that does not parse is a bug upstream.
        var value = DecimalText.TryParse(valueText, out var v) ? v : throw new InvalidDataException($"Stored value '{valueText}' is not a decimal.");
        decimal? growth = growthText is not null && DecimalText.TryParse(growthText, out var g) ? g : null;
        return new LeafFigure(value, growth, status, string.IsNullOrEmpty(firstReceivedAt) ? null : ParseTime(firstReceivedAt), openWarnings > 0);
    }
}
