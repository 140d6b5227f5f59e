using System.Runtime.CompilerServices;
using System.Text;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Validation;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.Indicator.Storage.Postgres;
using IndicatorExchange.Indicator.Storage.Sqlite;
using IndicatorExchange.Storage.Postgres;
using IndicatorExchange.Storage.Sqlite;
using IndicatorExchange.Testing;
using IndicatorExchange.Testing.Postgres;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// The indicator service's stores (figures, reference data), one test body for every engine (issue 23): each engine's
/// class below supplies the stores. Each test writes org units and codes of its own, so the tests of one class share a
/// database without seeing each other.
/// </summary>
public abstract class FigureStoreContract
{
    private const string Period = "2031Q2";

    private protected abstract IFigureStore Figures { get; }

    private protected abstract IReferenceStore Reference { get; }

    /// <summary>Skips the test when the engine cannot run here (PostgreSQL's binaries missing), saying why.</summary>
    protected virtual void SkipUnlessAvailable([CallerMemberName] string test = "") { }

    [SkippableFact]
    public async Task Applying_a_batch_creates_revision_one_of_each_figure_and_stores_values_exactly()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();

        var outcome = await ApplyAsync(Batch("", Group(unit, Period,
            Figure("GDP", "123456789012345678.0123456789", growth: "-3.25"), Figure("RETAIL_SALES", "0.000001", sentValue: "1", sentUnit: "元"))));

        var counts = Assert.IsType<ApplyOutcome.Applied>(outcome).Counts;
        Assert.Equal((2, 0, 0), (counts.Created, counts.Updated, counts.Unchanged));
        var current = await ListAsync(unit);
        Assert.Equal(
            [("GDP", "123456789012345678.0123456789", "-3.25", 1L, "123456789012345678.0123456789", "亿元"), ("RETAIL_SALES", "0.000001", null, 1L, "1", "元")],
            current.Select(f => (f.Indicator, f.Value, f.YoyGrowthPct, f.Revision, f.SentValue, f.SentUnit)));
        Assert.Equal(current.Max(f => f.Sequence), counts.LastSequence);
        Assert.All(current, f => Assert.Null(f.ReplacesSequence));
    }

    [SkippableFact]
    public async Task The_same_request_id_again_replays_the_first_answer_and_writes_nothing()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        var requestId = Guid.NewGuid().ToString("N");

        var first = await ApplyAsync(Batch(requestId, Group(unit, Period, Figure("GDP", "8"))));
        var again = await ApplyAsync(Batch(requestId, Group(unit, Period, Figure("GDP", "9"))) with { RequestHash = "other" });

        Assert.IsType<ApplyOutcome.Applied>(first);
        var replayed = Assert.IsType<ApplyOutcome.Replayed>(again);
        Assert.Equal("1,0,0", Encoding.UTF8.GetString(replayed.Response));
        Assert.Equal("hash-" + requestId, replayed.RequestHash);
        Assert.Equal([("8", 1L)], (await ListAsync(unit)).Select(f => (f.Value, f.Revision)));
    }

    [SkippableFact]
    public async Task An_unchanged_figure_counts_unchanged_and_each_change_is_the_next_revision_replacing_the_last()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();

        await ApplyAsync(Batch("", Group(unit, Period, Figure("GDP", "8"))));
        var unchanged = await ApplyAsync(Batch("", Group(unit, Period, Figure("GDP", "8"))));
        var second = await ApplyAsync(Batch("", Group(unit, Period, Figure("GDP", "8.5"), Figure("RETAIL_SALES", "2"))));
        var third = await ApplyAsync(Batch("", Group(unit, Period, Figure("GDP", "8.5") with { Note = "checked" })));

        Assert.Equal((0, 0, 1, 0L), Counts(unchanged));
        Assert.Equal((1, 1, 0), Changes(second));
        var history = await Figures.HistoryAsync(unit, Period, "GDP", CancellationToken.None);
        Assert.Equal([(1L, "8", ""), (2L, "8.5", ""), (3L, "8.5", "checked")], history.Select(f => (f.Revision, f.Value, f.Note)));
        Assert.Equal([null, history[0].Sequence, history[1].Sequence], history.Select(f => f.ReplacesSequence));
        Assert.Equal(history[2].Sequence, Counts(third).LastSequence);
        Assert.Equal([("GDP", 3L), ("RETAIL_SALES", 1L)], (await ListAsync(unit)).Select(f => (f.Indicator, f.Revision)));
    }

    [SkippableFact]
    public async Task An_org_unit_and_period_in_two_groups_of_a_batch_are_revised_like_in_one()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        await ApplyAsync(Batch("", Group(unit, Period, Figure("GDP", "8"), Figure("RETAIL_SALES", "2"))));

        // An upload may send one org unit and period in several batches (each indicator once).
        var revised = await ApplyAsync(Batch("", Group(unit, Period, Figure("GDP", "8.5")), Group(unit, Period, Figure("RETAIL_SALES", "2"), Figure("TOURIST_VISITS", "3"))));

        Assert.Equal((1, 1, 1), Changes(revised));
        Assert.Equal([("GDP", 2L), ("RETAIL_SALES", 1L), ("TOURIST_VISITS", 1L)], (await ListAsync(unit)).Select(f => (f.Indicator, f.Revision)));
    }

    [SkippableFact]
    public async Task Validate_only_answers_the_counts_and_writes_nothing()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        var requestId = Guid.NewGuid().ToString("N");
        var batch = Batch(requestId, Group(unit, Period, Figure("GDP", "8")));

        var validated = await Figures.ApplyAsync(batch, validateOnly: true, Encode, CancellationToken.None);
        var applied = await ApplyAsync(batch);

        Assert.Equal((1, 0, 0, 0L), Counts(validated));
        Assert.Equal((1, 0, 0), Changes(applied));
        Assert.Equal([1L], (await Figures.HistoryAsync(unit, Period, "GDP", CancellationToken.None)).Select(f => f.Revision));
    }

    [SkippableFact]
    public async Task As_of_a_moment_lists_the_revisions_current_then()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        await ApplyAsync(Batch("", Group(unit, Period, Figure("GDP", "8"))));
        await Task.Delay(20);
        var between = DateTimeOffset.UtcNow.ToString("O");
        await Task.Delay(20);
        await ApplyAsync(Batch("", Group(unit, Period, Figure("GDP", "9"), Figure("RETAIL_SALES", "3"))));

        var then = await Figures.ListCurrentAsync(Query(unit), CancellationToken.None);
        var asOf = await Figures.ListCurrentAsync(Query(unit) with { AsOf = between }, CancellationToken.None);
        var before = await Figures.ListCurrentAsync(Query(unit) with { AsOf = "2000-01-01T00:00:00.0000000+00:00" }, CancellationToken.None);

        Assert.Equal([("GDP", "9", 2L), ("RETAIL_SALES", "3", 1L)], then.Select(f => (f.Indicator, f.Value, f.Revision)));
        Assert.Equal([("GDP", "8", 1L)], asOf.Select(f => (f.Indicator, f.Value, f.Revision)));
        Assert.Empty(before);
    }

    [SkippableFact]
    public async Task Listing_orders_keys_byte_by_byte_and_pages_after_the_last_key_seen()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        // Byte order: upper case before '_' before lower case, whatever the database's collation.
        await ApplyAsync(Batch("",
            Group(unit + "b", "2031Q1", Figure("gdp", "1"), Figure("GDP", "2")),
            Group(unit + "_", "2031Q1", Figure("GDP", "3")),
            Group(unit + "B", "2031", Figure("GDP", "4")),
            Group(unit + "B", "2031Q1", Figure("Z_X", "5"), Figure("GDP", "6"))));
        // Every key after (unit, "", "") that starts with unit is this test's: the pages from there up to the first other key.
        var all = new List<StoredFigure>();
        (string, string, string)? after = (unit, "", "");
        while (true)
        {
            var page = await Figures.ListCurrentAsync(new FigureQuery(null, null, ["GDP", "gdp", "Z_X"], after, 2), CancellationToken.None);
            var ours = page.TakeWhile(f => f.OrgUnit.StartsWith(unit, StringComparison.Ordinal)).ToList();
            all.AddRange(ours);
            if (page.Count < 2 || ours.Count < page.Count) { break; }
            after = (page[^1].OrgUnit, page[^1].Period, page[^1].Indicator);
        }

        Assert.Equal(
            [("B", "2031", "GDP"), ("B", "2031Q1", "GDP"), ("B", "2031Q1", "Z_X"), ("_", "2031Q1", "GDP"), ("b", "2031Q1", "GDP"), ("b", "2031Q1", "gdp")],
            all.Select(f => (f.OrgUnit[unit.Length..], f.Period, f.Indicator)));
        var periods = await Figures.ListCurrentAsync(new FigureQuery(unit + "B", null, [], null, 10) { Periods = ["2031"] }, CancellationToken.None);
        Assert.Equal(["4"], periods.Select(f => f.Value));
    }

    [SkippableFact]
    public async Task A_batch_of_new_and_revised_figures_keeps_every_text_its_scale_and_points_each_figure_at_its_newest_revision()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        var first = Counts(await ApplyAsync(Batch("", Group(unit, Period, Figure("GDP", "1.50", growth: "-0.50"), Figure("RETAIL_SALES", "2")))));

        var second = await ApplyAsync(Batch("", Group(unit, Period,
            Figure("GDP", "1.500", growth: "10.10"), Figure("RETAIL_SALES", "2"), Figure("FIXED_ASSET_INVESTMENT", "-0.25", sentValue: "-2500.00", sentUnit: "万元"))));

        Assert.Equal((1, 1, 1), Changes(second));
        var current = await ListAsync(unit);
        Assert.Equal(
            [("FIXED_ASSET_INVESTMENT", "-0.25", null, 1L, "-2500.00"), ("GDP", "1.500", "10.10", 2L, "1.500"), ("RETAIL_SALES", "2", null, 1L, "2")],
            current.Select(f => (f.Indicator, f.Value, f.YoyGrowthPct, f.Revision, f.SentValue)));
        var gdp = await Figures.HistoryAsync(unit, Period, "GDP", CancellationToken.None);
        Assert.Equal([("1.50", "-0.50"), ("1.500", "10.10")], gdp.Select(f => (f.Value, f.YoyGrowthPct)));
        Assert.Equal(gdp[0].Sequence, gdp[1].ReplacesSequence);
        Assert.True(gdp[1].Sequence > first.LastSequence);
        Assert.Equal(current.Max(f => f.Sequence), Counts(second).LastSequence);
    }

    [SkippableFact]
    public async Task The_current_figures_of_many_org_units_each_in_its_own_periods_come_in_one_read()
    {
        SkipUnlessAvailable();
        var (a, b) = (NewOrgUnit(), NewOrgUnit());
        await ApplyAsync(Batch("", Group(a, "2031Q1", Figure("GDP", "1")), Group(a, "2031Q2", Figure("GDP", "2"), Figure("RETAIL_SALES", "3")),
            Group(b, "2031Q1", Figure("GDP", "4")), Group(b, "2031Q2", Figure("GDP", "5"))));
        await ApplyAsync(Batch("", Group(a, "2031Q2", Figure("GDP", "2.5"))));

        var current = await Figures.CurrentOfAsync([(a, "2031Q2"), (b, "2031Q1"), (b, "2031Q3"), (a, "2031Q2")], CancellationToken.None);

        Assert.Equal(
            new[] { (a, "2031Q2", "GDP", "2.5", 2L), (a, "2031Q2", "RETAIL_SALES", "3", 1L), (b, "2031Q1", "GDP", "4", 1L) }.Order(),
            current.Select(f => (f.OrgUnit, f.Period, f.Indicator, f.Value, f.Revision)).Order());
        Assert.Empty(await Figures.CurrentOfAsync([], CancellationToken.None));
    }

    [SkippableFact]
    public async Task The_feed_gives_every_revision_once_in_order_from_any_position_it_gave()
    {
        SkipUnlessAvailable();
        var unit = NewOrgUnit();
        for (var i = 0; i < 5; i++)
        {
            await ApplyAsync(Batch("", Group(unit, Period, Figure("GDP", $"{i}"), Figure("RETAIL_SALES", $"{i}.5"))));
        }
        var filter = new RevisionFilter(null, unit, null);

        var whole = await Figures.ReadChangesAsync(0, 1000, CancellationToken.None, filter);
        var resumed = new List<StoredFigure>();
        long position = 0;
        for (var page = await Figures.ReadChangesAsync(0, 3, CancellationToken.None, filter); page.Count > 0;
             page = await Figures.ReadChangesAsync(position, 3, CancellationToken.None, filter))
        {
            resumed.AddRange(page);
            position = page[^1].Sequence;
        }

        Assert.Equal(10, whole.Count);
        Assert.Equal(whole.Select(f => f.Sequence), resumed.Select(f => f.Sequence));
        Assert.Equal(whole.Select(f => f.Sequence).Order(), whole.Select(f => f.Sequence)); // one writer: sequence order
        for (var i = 0; i < whole.Count; i++)
        {
            Assert.Equal(whole.Skip(i + 1).Select(f => f.Sequence),
                (await Figures.ReadChangesAsync(whole[i].Sequence, 1000, CancellationToken.None, filter)).Select(f => f.Sequence));
        }
        Assert.Equal(["0", "0.5", "1", "1.5"], whole.Take(4).Select(f => f.Value));
    }

    [SkippableFact]
    public async Task Reference_data_is_stored_listed_in_report_order_and_created_once()
    {
        SkipUnlessAvailable();
        var prefix = "C" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var first = Indicator(prefix + "_B") with { ReportOrder = 900_002, MinValue = 0m, MaxValue = 100.5m, MaxYoyChangePct = 30m, JanFebCombined = true };
        var second = Indicator(prefix + "_A") with { ReportOrder = 900_001, MaxRevisionChangePct = 12.5m };
        await Reference.UpsertIndicatorsAsync([first, second], CancellationToken.None);
        var created = await Reference.TryCreateIndicatorAsync(Indicator(prefix + "_C"), CancellationToken.None);
        var again = await Reference.TryCreateIndicatorAsync(Indicator(prefix + "_C"), CancellationToken.None);

        var indicators = (await Reference.ListIndicatorsAsync(CancellationToken.None)).Where(i => i.Code.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        Assert.True(created);
        Assert.False(again);
        Assert.Equal([prefix + "_A", prefix + "_B", prefix + "_C"], indicators.Select(i => i.Code));
        Assert.Equal(first with { Periodicities = indicators[1].Periodicities }, indicators[1]);
        Assert.Equal(first.Periodicities, indicators[1].Periodicities);
        Assert.Equal(12.5m, indicators[0].MaxRevisionChangePct);
        Assert.True(indicators[2].ReportOrder > 900_002);

        var county = new OrgUnitDefinition(prefix + "1", "县", "County", OrgUnitLevel.County, prefix) { ValidFrom = new DateOnly(2020, 1, 1) };
        await Reference.UpsertOrgUnitsAsync([new OrgUnitDefinition(prefix, "州", "Prefecture", OrgUnitLevel.Prefecture, null), county], CancellationToken.None);
        Assert.False(await Reference.TryCreateOrgUnitAsync(county, CancellationToken.None));
        Assert.Equal([prefix, prefix + "1"], (await Reference.FindOrgUnitsAsync([prefix, prefix + "1", prefix + "9"], CancellationToken.None)).Order());
        Assert.Equal(county, (await Reference.ListOrgUnitsAsync(CancellationToken.None)).Single(u => u.Code == county.Code));

        var period = new PeriodRecord { Code = "2097Q1", Deadline = "2097-04-20T00:00:00.0000000Z", OpenedAt = "2097-01-01T00:00:00.0000000Z" };
        await Reference.UpsertPeriodAsync(period, CancellationToken.None);
        await Reference.UpsertPeriodAsync(period with { State = "closed", ClosedAt = "2097-05-01T00:00:00.0000000Z" }, CancellationToken.None);
        Assert.Equal(period with { State = "closed", ClosedAt = "2097-05-01T00:00:00.0000000Z" },
            (await Reference.ListPeriodsAsync(CancellationToken.None)).Single(p => p.Code == "2097Q1"));
    }

    [SkippableFact]
    public async Task Rules_are_seeded_once_and_read_back_as_stored()
    {
        SkipUnlessAvailable();
        var first = await Reference.SeedRulesAsync(DefaultRules.All, CancellationToken.None);
        var again = await Reference.SeedRulesAsync(DefaultRules.All.Take(1), CancellationToken.None);

        Assert.True(first);
        Assert.False(again);
        Assert.Equal(DefaultRules.All, await Reference.ListRulesAsync(CancellationToken.None));
    }

    private static string NewOrgUnit() => "u" + Guid.NewGuid().ToString("N")[..12];

    private static IndicatorDefinition Indicator(string code) =>
        new(code, "指标", "Indicator", "亿元", Accumulation.YearToDate, AggregationRule.Sum, null, 2, "");

    private static NormalisedFigure Figure(string indicator, string value, string? growth = null, string? sentValue = null, string sentUnit = "亿元") =>
        new(0, new FigurePath("", 0), indicator, value, "亿元", sentValue ?? value, sentUnit, growth, 1, "", false);

    private static FigureGroup Group(string orgUnit, string period, params NormalisedFigure[] figures) => new(orgUnit, period, figures);

    private static FigureBatch Batch(string requestId, params FigureGroup[] groups) => new(groups, requestId, "hash-" + requestId, "tester");

    private static FigureQuery Query(string orgUnit) => new(orgUnit, null, [], null, 100);

    private static byte[] Encode(BatchCounts counts) => Encoding.UTF8.GetBytes($"{counts.Created},{counts.Updated},{counts.Unchanged}");

    private static (int Created, int Updated, int Unchanged, long LastSequence) Counts(ApplyOutcome outcome)
    {
        var counts = Assert.IsType<ApplyOutcome.Applied>(outcome).Counts;
        return (counts.Created, counts.Updated, counts.Unchanged, counts.LastSequence);
    }

    private static (int, int, int) Changes(ApplyOutcome outcome) => Counts(outcome) is var (created, updated, unchanged, _) ? (created, updated, unchanged) : default;

    private Task<ApplyOutcome> ApplyAsync(FigureBatch batch) => Figures.ApplyAsync(batch, validateOnly: false, Encode, CancellationToken.None);

    private Task<IReadOnlyList<StoredFigure>> ListAsync(string orgUnit) => Figures.ListCurrentAsync(Query(orgUnit), CancellationToken.None);
}

/// <summary>The contract on SQLite, in a database file of its own in a temporary folder.</summary>
public sealed class SqliteFigureStoreTests : FigureStoreContract, IDisposable
{
    private readonly TemporaryDirectory _directory = new("ix-figure-store-");
    private readonly SqliteFigureStore _figures;
    private readonly SqliteReferenceStore _reference;

    public SqliteFigureStoreTests()
    {
        var database = new SqliteDatabase(Path.Combine(_directory.Path, "indicator.db"));
        MigrationRunner.Apply(database, typeof(IFigureStore).Assembly);
        _figures = new SqliteFigureStore(database);
        _reference = new SqliteReferenceStore(database);
    }

    private protected override IFigureStore Figures => _figures;

    private protected override IReferenceStore Reference => _reference;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}

/// <summary>The contract on PostgreSQL: a throwaway server for the class, and a database of its own.</summary>
public sealed class PostgresFigureStoreTests(PostgresFigureStoreTests.Database database, SkipReasons skips)
    : FigureStoreContract, IClassFixture<PostgresFigureStoreTests.Database>, IClassFixture<SkipReasons>
{
    private protected override IFigureStore Figures => database.Figures!;

    private protected override IReferenceStore Reference => database.Reference!;

    protected override void SkipUnlessAvailable([CallerMemberName] string test = "") =>
        skips.SkipUnless(database.Figures is not null, database.Server.Unavailable ?? "", test);

    /// <summary>The server, one migrated database on it, and the stores over that database.</summary>
    public sealed class Database : IDisposable
    {
        private readonly List<PostgresDatabase> _databases = [];

        public Database()
        {
            if (Server.Available)
            {
                (Figures, Reference) = CreateStores("figurestore");
            }
        }

        public PostgresServer Server { get; } = new();

        internal IFigureStore? Figures { get; }

        internal IReferenceStore? Reference { get; }

        /// <summary>A new database on the server, migrated, and the stores over it (for a test that needs a table of its own).</summary>
        internal (IFigureStore Figures, IReferenceStore Reference) CreateStores(string prefix) =>
            CreateStores(Server.CreateDatabaseAsync(prefix).GetAwaiter().GetResult(), out _);

        /// <summary>The stores over a new migrated database, and that database's connection string (with the service's schema as search path).</summary>
        internal (IFigureStore Figures, IReferenceStore Reference) CreateStores(string connectionString, out PostgresDatabase opened)
        {
            opened = new PostgresDatabase(connectionString, "indicator");
            _databases.Add(opened);
            PostgresMigrationRunner.Apply(opened, typeof(IFigureStore).Assembly);
            return (new PostgresFigureStore(opened), new PostgresReferenceStore(opened));
        }

        public void Dispose()
        {
            _databases.ForEach(d => d.Dispose());
            Server.Dispose();
        }
    }
}
