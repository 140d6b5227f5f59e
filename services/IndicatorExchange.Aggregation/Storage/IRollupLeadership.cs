namespace IndicatorExchange.Aggregation.Storage;

/// <summary>
/// Which replica writes the rollups: one at a time leads (follows the change feed and commits), the others stand by and
/// serve reads from the shared storage. With one process (SQLite) it always leads.
/// </summary>
internal interface IRollupLeadership
{
    /// <summary>Whether this replica leads now.</summary>
    bool IsLeading { get; }

    /// <summary>Waits until this replica leads; the token answered is cancelled when it stops leading (deposed, or its claim lost).</summary>
    Task<CancellationToken> AcquireAsync(CancellationToken cancellationToken);
}

/// <summary>What the leading replica committed, as a standby learns it: the cursor, and the (org unit, period) pairs whose rows changed.</summary>
/// <param name="Cursor">The feed position after the commit; null when not known (the standby may have missed commits).</param>
/// <param name="Touched">The changed pairs; null when any row may have changed (a rebuild, or missed commits).</param>
internal sealed record RollupCommit(long? Cursor, IReadOnlyList<(string OrgUnit, Domain.Periods.Period Period)>? Touched);

/// <summary>The leading replica's commits, for a standby's caches and watchers (none where one process is all replicas).</summary>
internal interface IRollupCommits
{
    /// <summary>Calls <paramref name="committed"/> after each commit of another replica until cancelled.</summary>
    Task FollowAsync(Func<RollupCommit, ValueTask> committed, CancellationToken cancellationToken);
}

/// <summary>
/// A write refused because this replica does not lead: it never did, or another took over since (its epoch on the cursor
/// row is newer). Nothing of the transaction is committed.
/// </summary>
internal sealed class NotLeadingException(string message) : InvalidOperationException(message);
