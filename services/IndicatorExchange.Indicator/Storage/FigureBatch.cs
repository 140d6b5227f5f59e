namespace IndicatorExchange.Indicator.Storage;

/// <summary>A figure after validation: normalised to the indicator's canonical unit, beside the value as sent.</summary>
/// <param name="Index">Position in the request (across the whole upload), for the import summary.</param>
/// <param name="Path">Field path of the figure in the request, e.g. "figures[3]" or "batches[2].figures[0]".</param>
internal sealed record NormalisedFigure(
    int Index,
    FigurePath Path,
    string Indicator,
    string Value,
    string Unit,
    string SentValue,
    string SentUnit,
    string? YoyGrowthPct,
    int Status,
    string Note,
    bool ConfirmWarnings)
{
    /// <summary>Quality warnings raised by the figure, confirmed when <see cref="ConfirmWarnings"/> is set.</summary>
    public IReadOnlyList<FigureWarning> Warnings { get; init; } = [];

    /// <summary>
    /// Whether a stored revision already holds this figure: the same normalised value, growth, status and note,
    /// and nothing to confirm. The same value sent in another unit (80 亿元 as 800000 万元) is unchanged; the
    /// same value sent to confirm open warnings is a new revision that confirms them.
    /// </summary>
    public bool SameAs(StoredFigure stored) =>
        stored.Value == Value && stored.YoyGrowthPct == YoyGrowthPct && stored.Status == Status && stored.Note == Note
        && !(ConfirmWarnings && stored.HasOpenWarnings);
}

/// <summary>The valid figures of one org unit and period.</summary>
internal sealed record FigureGroup(string OrgUnit, string Period, IReadOnlyList<NormalisedFigure> Figures);

/// <summary>A valid submission or upload, ready to be applied atomically.</summary>
internal sealed record FigureBatch(
    IReadOnlyList<FigureGroup> Groups,
    string RequestId,
    string RequestHash,
    string SubmittedBy);

/// <summary>What applying a batch did.</summary>
internal sealed record BatchCounts(int Created, int Updated, int Unchanged, long LastSequence);

/// <summary>The outcome of a batch: applied now, or the stored answer of an earlier request with the same id.</summary>
internal abstract record ApplyOutcome
{
    public sealed record Applied(BatchCounts Counts) : ApplyOutcome;

    public sealed record Replayed(byte[] Response, string RequestHash) : ApplyOutcome;
}
