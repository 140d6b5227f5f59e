namespace IndicatorExchange.Indicator.Storage;

/// <summary>Figures and their revisions. Implementations must apply a batch atomically and give
/// revisions strictly increasing sequence numbers in commit order (the change feed relies on it).</summary>
internal interface IFigureStore
{
    /// <summary>
    /// Applies a batch in one transaction. When the batch's request id was seen before, returns the stored
    /// answer instead and writes nothing. <paramref name="encodeResponse"/> builds the answer that is stored
    /// with the request id in the same transaction. With <paramref name="validateOnly"/> everything is rolled back.
    /// </summary>
    Task<ApplyOutcome> ApplyAsync(FigureBatch batch, bool validateOnly, Func<BatchCounts, byte[]> encodeResponse, CancellationToken cancellationToken);

    /// <summary>Current revisions (or, with <see cref="FigureQuery.AsOf"/>, those current then), ordered by (org unit, period, indicator).</summary>
    Task<IReadOnlyList<StoredFigure>> ListCurrentAsync(FigureQuery query, CancellationToken cancellationToken);

    /// <summary>Every revision of one figure, oldest first.</summary>
    Task<IReadOnlyList<StoredFigure>> HistoryAsync(string orgUnit, string period, string indicator, CancellationToken cancellationToken);

    /// <summary>Revisions with a sequence above <paramref name="afterSequence"/>, in sequence order, optionally only those received after a moment.</summary>
    Task<IReadOnlyList<StoredFigure>> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken, RevisionFilter? filter = null);
}

/// <summary>Filters and keyset position of a ListFigures page.</summary>
internal sealed record FigureQuery(
    string? OrgUnit,
    string? Period,
    IReadOnlyList<string> Indicators,
    (string OrgUnit, string Period, string Indicator)? After,
    int Limit)
{
    /// <summary>When not null, only these periods.</summary>
    public IReadOnlyList<string>? Periods { get; init; }

    /// <summary>When not null (ISO 8601 UTC), the revisions current at that moment.</summary>
    public string? AsOf { get; init; }
}

/// <summary>Filters of ListFigureRevisions.</summary>
internal sealed record RevisionFilter(string? ReceivedAfter, string? OrgUnit, string? Period);
