using System.Collections.Concurrent;
using IndicatorExchange.Aggregation.Rollups;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Domain.Catalog;

namespace IndicatorExchange.Aggregation.Summaries;

/// <summary>
/// The current year-to-date summary rows of each (org unit, period) as GetSummary answers them (built from the
/// stored node values and figures and decorated with target progress), so repeated reads neither query SQLite nor build nor decorate.
/// An entry is served only while the rows' version (<see cref="RollupVersions"/>), the catalog snapshot and the
/// target-feed sequence are those it was read at; the rows it holds are never changed once added (they are shared by
/// the answers). Past moments and values for the period alone are not cached.
/// </summary>
internal sealed class SummaryRowCache(RollupVersions versions)
{
    /// <summary>About this many child figures are kept (all entries are dropped beyond it), a bound on the memory.</summary>
    public const int MaxChildren = 200_000;

    private readonly ConcurrentDictionary<SummaryKey, Entry> _entries = new();
    private int _children;

    /// <summary>The valid entry of one org unit and period, a new empty one when there is none.</summary>
    public Entry For(SummaryKey key, CatalogSnapshot catalog, long targetsSequence)
    {
        var version = versions.Of(key);
        if (_entries.TryGetValue(key, out var entry) && entry.IsFor(version, catalog, targetsSequence))
        {
            return entry;
        }
        var fresh = new Entry(this, version, catalog, targetsSequence);
        return _entries.AddOrUpdate(key, fresh, (_, old) => old.IsFor(version, catalog, targetsSequence) ? old : fresh);
    }

    private void Count(int children)
    {
        if (Interlocked.Add(ref _children, children) > MaxChildren)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _children, 0);
        }
    }

    /// <summary>The rows of one org unit and period read at one version.</summary>
    public sealed class Entry(SummaryRowCache cache, long version, CatalogSnapshot catalog, long targetsSequence)
    {
        private readonly ConcurrentDictionary<string, SummaryRow> _rows = new(StringComparer.Ordinal);
        private IReadOnlyList<SummaryRow>? _stored;

        /// <summary>The target-feed sequence the rows' progress reflects.</summary>
        public long TargetsSequence => targetsSequence;

        /// <summary>The row of one indicator: the stored one, or the row without data built when none is stored.</summary>
        public SummaryRow? Row(string indicator) => _rows.GetValueOrDefault(indicator);

        /// <summary>Every stored row, ordered by indicator code; null until <see cref="SetStored"/>.</summary>
        public IReadOnlyList<SummaryRow>? Stored => Volatile.Read(ref _stored);

        public void Add(SummaryRow row)
        {
            if (_rows.TryAdd(row.Indicator, row))
            {
                cache.Count(row.Children.Count + 1);
            }
        }

        /// <summary>Keeps every stored row (already decorated), which are the full table of the org unit and period.</summary>
        public void SetStored(IReadOnlyList<SummaryRow> rows)
        {
            foreach (var row in rows)
            {
                _rows.TryAdd(row.Indicator, row);
            }
            Volatile.Write(ref _stored, rows);
            cache.Count(rows.Sum(r => r.Children.Count + 1));
        }

        internal bool IsFor(long v, CatalogSnapshot c, long t) => v == version && ReferenceEquals(c, catalog) && t == targetsSequence;
    }
}
