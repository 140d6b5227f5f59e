namespace IndicatorExchange.Target.Storage;

/// <summary>
/// What a batch changes, whatever the engine: each target that differs from its current revision gets the next revision
/// number; one the same as its current revision is unchanged.
/// </summary>
internal sealed record TargetRevisions(IReadOnlyList<(ValidTarget Target, long Revision)> ToInsert, TargetCounts Counts)
{
    public static TargetRevisions Of(IEnumerable<ValidTarget> targets, IReadOnlyDictionary<TargetKey, StoredTarget> current)
    {
        var toInsert = new List<(ValidTarget, long)>();
        int created = 0, updated = 0, unchanged = 0;
        foreach (var target in targets)
        {
            current.TryGetValue(target.Key, out var existing);
            if (existing is not null && target.SameAs(existing))
            {
                unchanged++;
                continue;
            }
            if (existing is null) { created++; } else { updated++; }
            toInsert.Add((target, (existing?.Revision ?? 0) + 1));
        }
        return new TargetRevisions(toInsert, new TargetCounts(created, updated, unchanged));
    }
}
