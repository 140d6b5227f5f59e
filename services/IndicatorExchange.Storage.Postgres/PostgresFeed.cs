namespace IndicatorExchange.Storage.Postgres;

/// <summary>
/// A change feed that never skips, over an append-only table with a <c>sequence</c> (identity) and an
/// <c>xid xid8 NOT NULL DEFAULT pg_current_xact_id()</c> column (the writing transaction). With several writers a
/// sequence number is not commit order: a transaction that took sequence 1 may commit after one that took 2. So the
/// feed serves a row only once every transaction with a lower id has ended (<c>xid &lt;
/// pg_snapshot_xmin(pg_current_snapshot())</c>), in <c>(xid, sequence)</c> order: a row committed later always sorts
/// after every row already served. A position is the sequence of the last row received; the feed goes on after that
/// row's <c>(xid, sequence)</c>. The cost: a transaction left open anywhere on the server holds the feed back until it ends.
/// </summary>
public static class PostgresFeed
{
    /// <summary>The name of the position parameter the conditions use (the sequence of the last row received, 0 for none).</summary>
    public const string AfterSequence = "@afterSequence";

    /// <summary>
    /// The conditions (for a WHERE clause) that select the rows of <paramref name="table"/> (aliased <paramref name="alias"/>)
    /// committed and visible to every reader, after the position <see cref="AfterSequence"/>. A position that is no row
    /// (a sequence no committed row holds) stands for the newest row numbered below it, or the start.
    /// </summary>
    public static string Committed(string table, string alias, long afterSequence)
    {
        var committed = $"{alias}.xid < pg_snapshot_xmin(pg_current_snapshot())";
        return afterSequence <= 0 ? committed : $"""
            ({alias}.xid, {alias}.sequence) > (
                SELECT p.xid, p.sequence FROM (
                    (SELECT q.xid, q.sequence FROM {table} q WHERE q.sequence <= {AfterSequence} ORDER BY q.sequence DESC LIMIT 1)
                    UNION ALL SELECT '0'::xid8, 0) p
                ORDER BY p.sequence DESC LIMIT 1)
            AND {committed}
            """;
    }

    /// <summary>The feed's order (for an ORDER BY clause): commit order as far as the feed can tell it.</summary>
    public static string Order(string alias) => $"{alias}.xid, {alias}.sequence";

    /// <summary>A query counting the rows of <paramref name="table"/> committed or being written but not served yet.</summary>
    internal static string HeldBack(string table) =>
        $"SELECT count(*) FROM {table} WHERE xid >= pg_snapshot_xmin(pg_current_snapshot())";
}
