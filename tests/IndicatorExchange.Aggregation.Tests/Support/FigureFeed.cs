using System.Globalization;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Domain.Numbers;

namespace IndicatorExchange.Aggregation.Tests.Support;

/// <summary>
/// Makes change-feed rows the way the indicator service numbers them: every change gets the next sequence,
/// every figure counts its revisions, received_at is ISO 8601 UTC ("O").
/// </summary>
internal sealed class FigureFeed
{
    private readonly Dictionary<(string, string, string), long> _revisions = [];
    private long _sequence;

    public long LastSequence => _sequence;

    /// <summary>The next revision of a figure (revision 1 for a new one).</summary>
    public FigureRow Next(string orgUnit, string indicator, string period, decimal value, DateTimeOffset receivedAt, decimal? growthPct = null,
        int status = 2, int openWarnings = 0, long sequenceStep = 1)
    {
        var key = (orgUnit, indicator, period);
        var revision = _revisions.GetValueOrDefault(key) + 1;
        _revisions[key] = revision;
        _sequence += sequenceStep;
        return new FigureRow
        {
            OrgUnit = orgUnit,
            Indicator = indicator,
            Period = period,
            Value = DecimalText.Format(value),
            YoyGrowthPct = growthPct is { } g ? DecimalText.Format(g) : null,
            Status = status,
            Revision = revision,
            Sequence = _sequence,
            ReceivedAt = Utc(receivedAt),
            OpenWarnings = openWarnings,
        };
    }

    /// <summary>received_at as the change-feed consumer writes it: a protobuf Timestamp's DateTimeOffset, round-trip format.</summary>
    public static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}
