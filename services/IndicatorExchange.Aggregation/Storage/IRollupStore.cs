namespace IndicatorExchange.Aggregation.Storage;

/// <summary>The aggregator's own copy of the figures, their revisions, the rollups and its position on the change feed.</summary>
public interface IRollupStore
{
    /// <summary>The sequence of the last change applied from <paramref name="feed"/>; 0 when none.</summary>
    Task<long> GetCursorAsync(string feed, CancellationToken cancellationToken);

    /// <summary>Starts a unit of work: changes, rollups and the cursor are committed together or not at all.</summary>
    Task<IRollupSession> BeginAsync(CancellationToken cancellationToken);

    /// <summary>The current figures of the given periods (and, when not empty, indicators).</summary>
    Task<IReadOnlyList<FigureRow>> ReadAsync(IReadOnlyCollection<string> periods, IReadOnlyCollection<string> indicators, CancellationToken cancellationToken);

    /// <summary>The figures as they stood at <paramref name="asOf"/> (ISO 8601 UTC): the newest revision received by then.</summary>
    Task<IReadOnlyList<FigureRow>> ReadAsOfAsync(IReadOnlyCollection<string> periods, IReadOnlyCollection<string> indicators, string asOf,
        CancellationToken cancellationToken);

    /// <summary>
    /// After every row was rewritten: lets the storage settle what it wrote into its main files, so that a restart has
    /// nothing to replay, and let go of the caches the rewrite filled (SQLite: checkpoints and truncates the write-ahead
    /// log, and closes the idle pooled connections). Answers whether the log could be truncated.
    /// </summary>
    Task<bool> SettleAsync(CancellationToken cancellationToken);

    /// <summary>Number of stored summary rows.</summary>
    Task<long> CountRollupsAsync(CancellationToken cancellationToken);

    /// <summary>The stored summary rows of an org unit for the given periods (and, when not empty, indicators).</summary>
    Task<IReadOnlyList<StoredRollup>> ReadRollupsAsync(string orgUnit, IReadOnlyCollection<string> periods, IReadOnlyCollection<string> indicators,
        CancellationToken cancellationToken);
}

/// <summary>One transaction over the aggregator's database.</summary>
public interface IRollupSession : IAsyncDisposable
{
    /// <summary>Records the revisions and makes each the current figure unless a newer one is stored.</summary>
    Task ApplyChangesAsync(IReadOnlyList<FigureRow> changes);

    /// <summary>
    /// The current figures of the given periods and indicators (and, when given, org units), as this transaction
    /// sees them. Synchronous: an evaluation asks for figures when it meets a node it has no value for.
    /// </summary>
    IReadOnlyList<FigureRow> Read(IReadOnlyCollection<string> periods, IReadOnlyCollection<string> indicators, IReadOnlyCollection<string>? orgUnits = null);

    /// <summary>The current figures of one period and indicator (every leaf that reported it), as this transaction sees them.</summary>
    IReadOnlyList<StoredLeaf> ReadLeaves(string period, string indicator);

    /// <summary>Whether any leaf has a figure of this period and indicator, as this transaction sees it.</summary>
    bool HasFigures(string period, string indicator);

    /// <summary>Every (period, indicator) pair with at least one figure, in order.</summary>
    Task<IReadOnlyList<(string Period, string Indicator)>> ListPeriodIndicatorsAsync();

    Task UpsertRollupsAsync(IReadOnlyList<StoredRollup> rows);

    Task DeleteRollupsAsync(IReadOnlyList<(string OrgUnit, string Period, string Indicator)> keys);

    /// <summary>
    /// Starts writing every summary row anew: the rows written with <see cref="WriteRewrittenRollupsAsync"/> replace every
    /// stored row at <see cref="FinishRollupRewriteAsync"/>, within this transaction.
    /// </summary>
    Task BeginRollupRewriteAsync();

    /// <summary>Rows of the rewrite, each key once, best in key order (period, indicator, org unit).</summary>
    Task WriteRewrittenRollupsAsync(IReadOnlyList<StoredRollup> rows);

    /// <summary>Makes the rewritten rows the stored ones; no row of before is kept.</summary>
    Task FinishRollupRewriteAsync();

    /// <summary>Forgets every figure, revision and rollup (before a replay of the feed).</summary>
    Task ResetAsync();

    Task SetCursorAsync(string feed, long sequence);

    Task CommitAsync();
}

/// <summary>A serialised summary row of one node, period and indicator.</summary>
public sealed record StoredRollup(string OrgUnit, string Period, string Indicator, byte[] Row);
