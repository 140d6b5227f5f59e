namespace IndicatorExchange.Target.Storage;

/// <summary>
/// A target after validation: threshold in canonical decimal text, unit in its canonical symbol, kind in snake_case,
/// and the threshold normalised to the indicator's canonical unit.
/// </summary>
internal sealed record ValidTarget(TargetKey Key, string Threshold, string Unit, string Note)
{
    public int Index { get; init; }
    public string NormalisedThreshold { get; init; } = "";
    public string CanonicalUnit { get; init; } = "";
    public string Milestones { get; init; } = "";

    /// <summary>Whether a stored revision already holds exactly this target (then setting it again changes nothing).</summary>
    public bool SameAs(StoredTarget stored) =>
        stored.Threshold == Threshold && stored.Unit == Unit && stored.Note == Note && stored.Milestones == Milestones;
}

/// <summary>A valid batch of targets, ready to be applied atomically.</summary>
internal sealed record TargetBatch(IReadOnlyList<ValidTarget> Targets, string RequestId, string RequestHash, string SetBy)
{
    /// <summary>Why the targets are set, kept with each revision.</summary>
    public string Reason { get; init; } = "";
}

/// <summary>What applying a batch did.</summary>
internal sealed record TargetCounts(int Created, int Updated, int Unchanged);

/// <summary>The outcome of a batch: applied now, or the stored answer of an earlier request with the same id.</summary>
internal abstract record ApplyOutcome
{
    public sealed record Applied(TargetCounts Counts) : ApplyOutcome;

    public sealed record Replayed(byte[] Response, string RequestHash) : ApplyOutcome;
}
