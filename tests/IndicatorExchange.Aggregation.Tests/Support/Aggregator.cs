using IndicatorExchange.Aggregation.Rollups;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Storage.Sqlite;
using IndicatorExchange.Aggregation.Summaries;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Aggregation.Tests.Support;

/// <summary>
/// The aggregator without gRPC: a rollup engine and a summary builder over its own temporary SQLite file,
/// deleted (with its WAL files) on disposal, or over another engine's store.
/// </summary>
internal sealed class Aggregator : IAsyncDisposable
{
    public const string Feed = "indicator";

    private Aggregator(string path, OrgUnitTree tree, int keptValues = RollupEngine.DefaultKeptValues)
        : this(SqliteStore(path), tree, () => DeleteFiles(path), keptValues) => Path = path;

    /// <summary>An aggregator over any engine's store; <paramref name="dispose"/> lets go of its database.</summary>
    public Aggregator(IRollupStore store, OrgUnitTree tree, Func<ValueTask> dispose, int keptValues = RollupEngine.DefaultKeptValues)
    {
        Store = store;
        _dispose = dispose;
        Catalog = new FixedCatalogSource(TestCatalog.Snapshot(tree));
        Engine = new RollupEngine(Store, Catalog, Signal, keptValues: keptValues);
        Summaries = new SummaryBuilder(Catalog, Store, Progress, signal: Signal);
    }

    private readonly Func<ValueTask> _dispose;

    private static SqliteRollupStore SqliteStore(string path)
    {
        var database = new SqliteDatabase(path);
        MigrationRunner.Apply(database, typeof(AggregationServiceExtensions).Assembly);
        return new SqliteRollupStore(database);
    }

    /// <summary>The SQLite file; empty on another engine.</summary>
    public string Path { get; } = "";

    public IRollupStore Store { get; }

    public FixedCatalogSource Catalog { get; }

    public RollupEngine Engine { get; }

    public FeedProgress Progress { get; } = new();

    /// <summary>Shared by the engine and the summaries, as in the service: the summaries' cache follows it.</summary>
    public RollupSignal Signal { get; } = new();

    public SummaryBuilder Summaries { get; }

    /// <summary>An aggregator over an existing database file (migrated to the current version first), deleted on disposal.</summary>
    public static Aggregator At(string path, OrgUnitTree tree) => new(path, tree);

    /// <param name="keptValues">The most inner-node values the engine keeps between transactions.</param>
    public static Aggregator Create(OrgUnitTree tree, int keptValues = RollupEngine.DefaultKeptValues) =>
        new(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ix-aggregation-tests-{Guid.NewGuid():N}.db"), tree, keptValues);

    /// <summary>Applies one batch as the change-feed consumer does: the engine, then the progress.</summary>
    public async Task ApplyAsync(IReadOnlyList<FigureRow> changes)
    {
        await Engine.ApplyAsync(Feed, changes, CancellationToken.None);
        Progress.Report(changes[^1].Sequence);
    }

    public async Task ApplyInBatchesAsync(IReadOnlyList<FigureRow> changes, int batchSize)
    {
        for (var i = 0; i < changes.Count; i += batchSize)
        {
            await ApplyAsync(changes.Skip(i).Take(batchSize).ToList());
        }
    }

    public Task<Summary> SummaryAsync(string orgUnit, string period, IReadOnlyList<string>? indicators = null, DateTimeOffset? asOf = null,
        PeriodValues periodValues = PeriodValues.YearToDate) =>
        Summaries.BuildAsync(new SummaryQuery(orgUnit, period, indicators ?? [], asOf, periodValues), CancellationToken.None);

    /// <summary>The summary row of one indicator (a row with no data when nothing was reported).</summary>
    public async Task<SummaryRow> RowAsync(string orgUnit, string period, string indicator, DateTimeOffset? asOf = null,
        PeriodValues periodValues = PeriodValues.YearToDate) =>
        (await SummaryAsync(orgUnit, period, [indicator], asOf, periodValues)).Rows.Single();

    /// <summary>
    /// The current rows of the given nodes, periods and indicators that something was reported for (those the full table
    /// shows), as built from the stored node values and figures, undecorated.
    /// </summary>
    public async Task<SortedDictionary<string, SummaryRow>> StoredRowsAsync(IEnumerable<string> nodes, IReadOnlyCollection<string> periods,
        IReadOnlyCollection<string> indicators)
    {
        var catalog = await Catalog.GetAsync(CancellationToken.None);
        var rows = new SortedDictionary<string, SummaryRow>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            foreach (var period in periods)
            {
                foreach (var row in await Summaries.CurrentRowsAsync(node, [], catalog, Period.Parse(period), CancellationToken.None))
                {
                    if (indicators.Contains(row.Indicator))
                    {
                        rows.Add(Key(node, period, row.Indicator), row);
                    }
                }
            }
        }
        return rows;
    }

    public static string Key(string orgUnit, string period, string indicator) => $"{orgUnit}/{period}/{indicator}";

    public ValueTask DisposeAsync() => _dispose();

    private static ValueTask DeleteFiles(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
        {
            try
            {
                File.Delete(path + suffix);
            }
            catch (IOException)
            {
                // Best effort: a temp file left behind must not fail a test.
            }
        }
        return ValueTask.CompletedTask;
    }
}
