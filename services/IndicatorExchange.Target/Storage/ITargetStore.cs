namespace IndicatorExchange.Target.Storage;

/// <summary>Targets and their revisions. Implementations must apply a batch atomically.</summary>
internal interface ITargetStore
{
    /// <summary>
    /// Applies a batch in one transaction. When the batch's request id was seen before, returns the stored
    /// answer instead and writes nothing. <paramref name="encodeResponse"/> builds the answer that is stored
    /// with the request id in the same transaction. With <paramref name="validateOnly"/> everything is rolled back.
    /// </summary>
    Task<ApplyOutcome> ApplyAsync(TargetBatch batch, bool validateOnly, Func<TargetCounts, byte[]> encodeResponse, CancellationToken cancellationToken);

    /// <summary>Current revisions (or those current at <see cref="TargetQuery.AsOf"/>), ordered by (org unit, indicator, year, kind), after the given key.</summary>
    Task<IReadOnlyList<StoredTarget>> ListCurrentAsync(TargetQuery query, CancellationToken cancellationToken);

    /// <summary>Every revision of one target, oldest first.</summary>
    Task<IReadOnlyList<StoredTarget>> HistoryAsync(TargetKey key, CancellationToken cancellationToken);

    /// <summary>
    /// The target feed: revisions after the one numbered <paramref name="afterSequence"/> (the last one received; 0 for
    /// the start), in commit order. On SQLite that is sequence order; on PostgreSQL, with several writers, a revision may
    /// follow one with a higher sequence, and none is served before every transaction that began before it has ended.
    /// </summary>
    Task<IReadOnlyList<StoredTarget>> ReadChangesAsync(long afterSequence, int limit, CancellationToken cancellationToken);

    /// <summary>The current value floors of the given org units, indicators and years.</summary>
    Task<IReadOnlyList<StoredTarget>> ListFloorsAsync(IReadOnlyCollection<string> orgUnits, IReadOnlyCollection<string> indicators,
        IReadOnlyCollection<int> years, CancellationToken cancellationToken);
}

/// <summary>Filters and keyset position of a ListTargets page; a null filter matches everything.</summary>
internal sealed record TargetQuery(string? OrgUnit, string? Indicator, int? Year, TargetKey? After, int Limit)
{
    /// <summary>When not null (ISO 8601 UTC), the revisions current at that moment.</summary>
    public string? AsOf { get; init; }
}
