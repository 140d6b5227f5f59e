using System.Globalization;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Storage;

/// <summary>A figure as the aggregator keeps it: the newest revision, in the canonical unit.</summary>
internal sealed record FigureRow
{
    public string OrgUnit { get; init; } = "";
    public string Indicator { get; init; } = "";
    public string Period { get; init; } = "";
    public string Value { get; init; } = "";
    public string? YoyGrowthPct { get; init; }
    public int Status { get; init; }
    public long Revision { get; init; }
    public long Sequence { get; init; }
    public string ReceivedAt { get; init; } = "";

    /// <summary>When revision 1 arrived: decides whether the figure was on time.</summary>
    public string? FirstReceivedAt { get; init; }

    /// <summary>Number of quality warnings of this revision that nobody confirmed.</summary>
    public int OpenWarnings { get; init; }

    /// <summary>Which figure this is, its period parsed; false for a period code that does not parse (no evaluation asks for it).</summary>
    public bool TryGetKey(out FigureKey key)
    {
        var parsed = Domain.Periods.Period.TryParse(Period, out var period);
        key = new FigureKey(OrgUnit, period, Indicator);
        return parsed;
    }

    /// <summary>The figure in decimal form, as an evaluation reads it.</summary>
    public LeafFigure ToLeaf()
    {
        // Stored text was canonicalised by the indicator service; a row that does not parse is a bug upstream.
        var value = DecimalText.TryParse(Value, out var v) ? v : throw new InvalidDataException($"Stored value '{Value}' is not a decimal.");
        decimal? growth = YoyGrowthPct is not null && DecimalText.TryParse(YoyGrowthPct, out var g) ? g : null;
        var first = FirstReceivedAt ?? ReceivedAt;
        return new LeafFigure(value, growth, Status, string.IsNullOrEmpty(first) ? null : ParseTime(first), OpenWarnings > 0);
    }

    /// <summary>These figures, looked up by key.</summary>
    public static FigureIndex Index(IEnumerable<FigureRow> rows) => new(Keyed(rows));

    private static IEnumerable<KeyValuePair<FigureKey, LeafFigure>> Keyed(IEnumerable<FigureRow> rows)
    {
        foreach (var row in rows)
        {
            if (row.TryGetKey(out var key))
            {
                yield return new(key, row.ToLeaf());
            }
        }
    }

    /// <summary>Times are stored in the round-trip format ("O"); the general parser is the fallback.</summary>
    internal static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time)
            ? time
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}

/// <summary>
/// A leaf's current figure of a known period and indicator, with only what an evaluation needs: a recomputation reads
/// every figure, and each column read costs. <see cref="LeafFigure.FirstReceivedAt"/> is when revision 1 arrived.
/// </summary>
internal readonly record struct StoredLeaf(string OrgUnit, LeafFigure Figure);
