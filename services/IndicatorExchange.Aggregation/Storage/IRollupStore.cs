using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Storage;

/// <summary>The aggregator's own copy of the figures, their revisions, the rollups and its position on the change feed.</summary>
internal interface IRollupStore
{
    /// <summary>The sequence of the last change applied from <paramref name="feed"/>; 0 when none.</summary>
    Task<long> GetCursorAsync(string feed, CancellationToken cancellationToken);

    /// <summary>Starts a unit of work: changes, rollups and the cursor are committed together or not at all.</summary>
    Task<IRollupSession> BeginAsync(CancellationToken cancellationToken);

    /// <summary>The current figures of the given periods (and, when not empty, indicators).</summary>
    Task<IReadOnlyList<FigureRow>> ReadAsync(IReadOnlyCollection<Period> periods, IReadOnlyCollection<string> indicators, CancellationToken cancellationToken);

    /// <summary>The figures as they stood at <paramref name="asOf"/>: the newest revision received by then.</summary>
    Task<IReadOnlyList<FigureRow>> ReadAsOfAsync(IReadOnlyCollection<Period> periods, IReadOnlyCollection<string> indicators, DateTimeOffset asOf,
        CancellationToken cancellationToken);

    /// <summary>
    /// After every row was rewritten: lets the storage settle what it wrote into its main files, so that a restart has
    /// nothing to replay, and let go of the caches the rewrite filled (SQLite: checkpoints and truncates the write-ahead
    /// log, and closes the idle pooled connections). Answers whether the log could be truncated.
    /// </summary>
    Task<bool> SettleAsync(CancellationToken cancellationToken);

    /// <summary>Number of stored node values: one per inner node, period and indicator with something reported below it (the rows a summary can show).</summary>
    Task<long> CountRollupsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// What the current summary rows of one node are built from, read in one snapshot: the stored values of the given inner
    /// nodes for <paramref name="period"/>, the current figures of the given leaves for <paramref name="figurePeriods"/>,
    /// and theirs of <paramref name="weightIndicators"/> for <paramref name="weightPeriods"/> (the periods a weight may fall
    /// back to; either empty for none). Empty <paramref name="indicators"/> means every indicator.
    /// </summary>
    Task<SummaryInputs> ReadSummaryInputsAsync(IReadOnlyCollection<string> innerNodes, IReadOnlyCollection<string> leaves, Period period,
        IReadOnlyCollection<Period> figurePeriods, IReadOnlyCollection<string> indicators, IReadOnlyCollection<Period> weightPeriods,
        IReadOnlyCollection<string> weightIndicators, CancellationToken cancellationToken);

    /// <summary>
    /// Whether every node value must be recomputed from the stored figures before the feed is followed (a migration that
    /// changed how they are stored says so; the recomputation's commit clears it).
    /// </summary>
    Task<bool> RecomputationPendingAsync(CancellationToken cancellationToken);
}

/// <summary>One transaction over the aggregator's database.</summary>
internal interface IRollupSession : IAsyncDisposable
{
    /// <summary>Records the revisions and makes each the current figure unless a newer one is stored.</summary>
    Task ApplyChangesAsync(IReadOnlyList<FigureRow> changes);

    /// <summary>
    /// The current figures of the given periods and indicators (and, when given, org units), as this transaction
    /// sees them. Synchronous: an evaluation asks for figures when it meets a node it has no value for.
    /// </summary>
    IReadOnlyList<FigureRow> Read(IReadOnlyCollection<Period> periods, IReadOnlyCollection<string> indicators, IReadOnlyCollection<string>? orgUnits = null);

    /// <summary>
    /// Readers of the current figures beside this transaction, so that a recomputation reads periods and indicators on
    /// several threads. Each sees what this transaction sees as long as it has changed no figure: the transaction keeps
    /// every other writer out, so the readers see the last commit. Dispose them before committing.
    /// </summary>
    IReadOnlyList<ILeafReader> OpenLeafReaders(int count);

    /// <summary>Whether any leaf has a figure of this period and indicator, as this transaction sees it.</summary>
    bool HasFigures(PeriodIndicator pair);

    /// <summary>Every (period, indicator) pair with at least one figure, in order.</summary>
    Task<IReadOnlyList<PeriodIndicator>> ListPeriodIndicatorsAsync();

    Task UpsertRollupsAsync(IReadOnlyList<StoredNodeValue> rows);

    Task DeleteRollupsAsync(IReadOnlyList<NodeKey> keys);

    /// <summary>
    /// Starts writing every node value anew: the values written with <see cref="WriteRewrittenRollupsAsync"/> replace every
    /// stored one at <see cref="FinishRollupRewriteAsync"/>, within this transaction.
    /// </summary>
    Task BeginRollupRewriteAsync();

    /// <summary>Values of the rewrite, each key once, best in key order (period, indicator, org unit).</summary>
    Task WriteRewrittenRollupsAsync(IReadOnlyList<StoredNodeValue> rows);

    /// <summary>Makes the rewritten values the stored ones (no value of before is kept) and clears a pending recomputation.</summary>
    Task FinishRollupRewriteAsync();

    /// <summary>Forgets every figure, revision and node value (before a replay of the feed).</summary>
    Task ResetAsync();

    Task SetCursorAsync(string feed, long sequence);

    Task CommitAsync();
}

/// <summary>Reads the current figures of one period and indicator at a time (every leaf that reported it). One thread at a time.</summary>
internal interface ILeafReader : IDisposable
{
    IReadOnlyList<StoredLeaf> ReadLeaves(PeriodIndicator pair);
}

/// <summary>An inner node's value of one period and indicator; null when something below it reported but it has no value of its own.</summary>
internal sealed record StoredNodeValue(NodeKey Key, NodeValue? Value);

/// <summary>The stored values of some inner nodes and the current figures of some leaves, read in one snapshot.</summary>
internal sealed record SummaryInputs(IReadOnlyList<StoredNodeValue> Values, IReadOnlyList<FigureRow> Figures);
