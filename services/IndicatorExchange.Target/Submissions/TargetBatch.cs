using IndicatorExchange.Target.Storage;

namespace IndicatorExchange.Target.Submissions;

/// <summary>A target after validation: threshold in canonical decimal text, unit in its canonical symbol, kind in snake_case.</summary>
public sealed record ValidTarget(TargetKey Key, string Threshold, string Unit, string Note)
{
    /// <summary>Whether a stored revision already holds exactly this target (then setting it again changes nothing).</summary>
    public bool SameAs(StoredTarget stored) => stored.Threshold == Threshold && stored.Unit == Unit && stored.Note == Note;
}

/// <summary>A valid batch of targets, ready to be applied atomically.</summary>
public sealed record TargetBatch(IReadOnlyList<ValidTarget> Targets, string RequestId, string RequestHash, string SetBy);

/// <summary>What applying a batch did.</summary>
public sealed record TargetCounts(int Created, int Updated, int Unchanged);

/// <summary>The outcome of a batch: applied now, or the stored answer of an earlier request with the same id.</summary>
public abstract record ApplyOutcome
{
    public sealed record Applied(TargetCounts Counts) : ApplyOutcome;

    public sealed record Replayed(byte[] Response, string RequestHash) : ApplyOutcome;
}
