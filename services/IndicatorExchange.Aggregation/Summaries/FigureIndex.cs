using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Domain.Numbers;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>A reported figure in decimal form.</summary>
public sealed record LeafFigure(decimal Value, decimal? GrowthPct, int Status);

/// <summary>The figures of a summary's periods, looked up by org unit, indicator and period.</summary>
public sealed class FigureIndex
{
    private readonly Dictionary<(string OrgUnit, string Indicator, string Period), LeafFigure> _figures = [];

    public FigureIndex(IEnumerable<FigureRow> rows)
    {
        foreach (var row in rows)
        {
            // Stored text was canonicalised by the indicator service; a row that does not parse is a bug upstream.
            var value = DecimalText.TryParse(row.Value, out var v) ? v : throw new InvalidDataException($"Stored value '{row.Value}' is not a decimal.");
            decimal? growth = row.YoyGrowthPct is not null && DecimalText.TryParse(row.YoyGrowthPct, out var g) ? g : null;
            _figures[(row.OrgUnit, row.Indicator, row.Period)] = new LeafFigure(value, growth, row.Status);
        }
    }

    public LeafFigure? Find(string orgUnit, string indicator, string period) =>
        _figures.TryGetValue((orgUnit, indicator, period), out var figure) ? figure : null;
}
