namespace IndicatorExchange.Indicator.Storage;

/// <summary>
/// What a batch changes, worked out before anything is written (the PostgreSQL engine then inserts every revision in
/// one statement): each figure that differs from its current revision gets the next revision number; one the same as
/// its current revision is unchanged. The SQLite engine applies the same rule while it writes, figure by figure.
/// </summary>
internal sealed record FigureRevisions(IReadOnlyList<FigureRevisions.Insert> ToInsert, int Created, int Updated, int Unchanged)
{
    /// <summary>A revision to append: the figure, its group, and the revision it replaces (null for a new figure).</summary>
    internal readonly record struct Insert(FigureGroup Group, NormalisedFigure Figure, StoredFigure? Replaced)
    {
        public long Revision => (Replaced?.Revision ?? 0) + 1;
    }

    /// <param name="current">The current revision of each figure of the batch's groups, by (org unit, period, indicator).</param>
    public static FigureRevisions Of(IEnumerable<FigureGroup> groups, IReadOnlyDictionary<(string OrgUnit, string Period, string Indicator), StoredFigure> current)
    {
        var toInsert = new List<Insert>();
        int created = 0, updated = 0, unchanged = 0;
        foreach (var group in groups)
        {
            foreach (var figure in group.Figures)
            {
                current.TryGetValue((group.OrgUnit, group.Period, figure.Indicator), out var existing);
                if (existing is not null && figure.SameAs(existing))
                {
                    unchanged++;
                    continue;
                }
                if (existing is null) { created++; } else { updated++; }
                toInsert.Add(new Insert(group, figure, existing));
            }
        }
        return new FigureRevisions(toInsert, created, updated, unchanged);
    }
}
