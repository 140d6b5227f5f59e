namespace IndicatorExchange.Indicator.Storage;

/// <summary>Figures and their revisions. Implementations must apply a batch atomically, give each revision a unique
/// sequence number, and serve the change feed in commit order without skipping a revision (see <see cref="ReadChangesAsync"/>).</summary>
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

    /// <summary>
    /// The current revision of every figure of these org units, each in its periods, in no particular order: what the quality
    /// rules of a batch look at, read at once rather than a query per org unit (a round trip each on a database server).
    /// </summary>
    Task<IReadOnlyList<StoredFigure>> CurrentOfAsync(IReadOnlyCollection<(string OrgUnit, string Period)> keys, CancellationToken cancellationToken);

    /// <summary>Every revision of one figure, oldest first.</summary>
    Task<IReadOnlyList<StoredFigure>> HistoryAsync(string orgUnit, string period, string indicator, CancellationToken cancellationToken);

    /// <summary>
    /// The change feed: revisions after the one numbered <paramref name="afterSequence"/> (the last one received; 0 for the
    /// start), in commit order, optionally only those received after a moment or of one org unit or period. On SQLite
    /// (one writer at a time) that is sequence order; on PostgreSQL, with several writers, a revision may follow one with
    /// a higher sequence, and none is served before every transaction that began before it has ended.
    /// </summary>
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
