using IndicatorExchange.Target.Submissions;

namespace IndicatorExchange.Target.Storage;

/// <summary>Targets and their revisions. Implementations must apply a batch atomically.</summary>
public interface ITargetStore
{
    /// <summary>
    /// Applies a batch in one transaction. When the batch's request id was seen before, returns the stored
    /// answer instead and writes nothing. <paramref name="encodeResponse"/> builds the answer that is stored
    /// with the request id in the same transaction. With <paramref name="validateOnly"/> everything is rolled back.
    /// </summary>
    Task<ApplyOutcome> ApplyAsync(TargetBatch batch, bool validateOnly, Func<TargetCounts, byte[]> encodeResponse, CancellationToken cancellationToken);

    /// <summary>Current revisions, ordered by (org unit, indicator, year, kind), after the given key.</summary>
    Task<IReadOnlyList<StoredTarget>> ListCurrentAsync(TargetQuery query, CancellationToken cancellationToken);
}

/// <summary>Filters and keyset position of a ListTargets page; a null filter matches everything.</summary>
public sealed record TargetQuery(string? OrgUnit, string? Indicator, int? Year, TargetKey? After, int Limit);
