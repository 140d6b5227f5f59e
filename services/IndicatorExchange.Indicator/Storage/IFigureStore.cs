using IndicatorExchange.Indicator.Submissions;

namespace IndicatorExchange.Indicator.Storage;

/// <summary>Figures and their revisions. Implementations must apply a batch atomically and give
/// revisions strictly increasing sequence numbers in commit order (the change feed relies on it).</summary>
public interface IFigureStore
{
    /// <summary>
    /// Applies a batch in one transaction. When the batch's request id was seen before, returns the stored
    /// answer instead and writes nothing. <paramref name="encodeResponse"/> builds the answer that is stored
    /// with the request id in the same transaction. With <paramref name="validateOnly"/> everything is rolled back.
    /// </summary>
    Task<ApplyOutcome> ApplyAsync(FigureBatch batch, bool validateOnly, Func<BatchCounts, byte[]> encodeResponse, CancellationToken cancellationToken);

    /// <summary>Current revisions, ordered by (org unit, period, indicator), after the given key.</summary>
    Task<IReadOnlyList<StoredFigure>> ListCurrentAsync(FigureQuery query, CancellationToken cancellationToken);

    /// <summary>Revisions with a sequence above <paramref name="afterSequence"/>, in sequence order.</summary>
    Task<IReadOnlyList<StoredFigure>> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken);
}

/// <summary>Filters and keyset position of a ListFigures page.</summary>
public sealed record FigureQuery(
    string? OrgUnit,
    string? Period,
    IReadOnlyList<string> Indicators,
    (string OrgUnit, string Period, string Indicator)? After,
    int Limit);
