namespace IndicatorExchange.Indicator.Submissions;

/// <summary>A figure after validation: normalised to the indicator's canonical unit, beside the value as sent.</summary>
public sealed record NormalisedFigure(
    string Indicator,
    string Value,
    string Unit,
    string SentValue,
    string SentUnit,
    string? YoyGrowthPct,
    int Status,
    string Note)
{
    /// <summary>
    /// Whether a stored revision already holds this figure: the same normalised value, growth, status and note.
    /// The same value sent in another unit (80 亿元 as 800000 万元) is unchanged, not a new revision.
    /// </summary>
    public bool SameAs(Storage.StoredFigure stored) =>
        stored.Value == Value && stored.YoyGrowthPct == YoyGrowthPct && stored.Status == Status && stored.Note == Note;
}

/// <summary>A valid batch for one org unit and period, ready to be applied atomically.</summary>
public sealed record FigureBatch(
    string OrgUnit,
    string Period,
    IReadOnlyList<NormalisedFigure> Figures,
    string RequestId,
    string RequestHash,
    string SubmittedBy);

/// <summary>What applying a batch did.</summary>
public sealed record BatchCounts(int Created, int Updated, int Unchanged, long LastSequence);

/// <summary>The outcome of a batch: applied now, or the stored answer of an earlier request with the same id.</summary>
public abstract record ApplyOutcome
{
    public sealed record Applied(BatchCounts Counts) : ApplyOutcome;

    public sealed record Replayed(byte[] Response, string RequestHash) : ApplyOutcome;
}
