using BenchmarkDotNet.Attributes;
using IndicatorExchange.Aggregation;
using IndicatorExchange.Aggregation.Rollups;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Storage.Sqlite;
using IndicatorExchange.Aggregation.Summaries;
using IndicatorExchange.Domain.Rollup;
using IndicatorExchange.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.MicroBenchmarks;

/// <summary>
/// Applying a change to the rollups: the recomputation of a prefecture's row from the leaves (CPU only), and
/// RollupEngine.ApplyAsync of one revised county figure on a SQLite file holding the prefecture's 900 figures
/// (store it, recompute the prefecture's and the region's rows, move the cursor, commit with synchronous=FULL).
/// </summary>
[MemoryDiagnoser]
public class RollupBenchmarks
{
    private string _path = "";
    private RollupEngine _engine = null!;
    private long _sequence;

    [GlobalSetup]
    public async Task Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"ix-micro-{Guid.NewGuid():N}.db");
        var database = new SqliteDatabase(_path);
        MigrationRunner.Apply(database, typeof(AggregationServiceExtensions).Assembly);
        _engine = new RollupEngine(new SqliteRollupStore(database), new FixedCatalog(MicroData.Catalog), new RollupSignal());
        var figures = MicroData.Figures();
        await _engine.ApplyAsync("indicator", figures, CancellationToken.None);
        _sequence = figures[^1].Sequence;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    /// <summary>A fresh evaluator each time (as each batch and each uncached read has), so nothing is memoised across calls.</summary>
    [Benchmark]
    public int RecomputePrefectureRow()
    {
        var evaluator = new NodeEvaluator(MicroData.Tree, MicroData.Catalog.IndicatorsByCode, Index, MicroData.Catalog.Deadlines);
        return SummaryRowBuilder.Build(evaluator, MicroData.Prefecture, MicroData.Indicators[0], Domain.Periods.Period.Parse(MicroData.Period)).Children.Count;
    }

    [Benchmark]
    public Task ApplyOneRevisedFigure()
    {
        var sequence = ++_sequence;
        return _engine.ApplyAsync("indicator", [new FigureRow
        {
            OrgUnit = MicroData.Counties[0],
            Indicator = MicroData.Indicators[0].Code,
            Period = MicroData.Period,
            Value = (200m + sequence % 100).ToString(System.Globalization.CultureInfo.InvariantCulture),
            YoyGrowthPct = "3.5",
            Status = 2,
            Revision = sequence,
            Sequence = sequence,
            ReceivedAt = "2025-04-10T08:00:00.0000000+00:00",
        }], CancellationToken.None);
    }

    private FigureIndex Index => _index ??= FigureRow.Index(MicroData.Figures());

    private FigureIndex? _index;
}
