using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;
using IndicatorExchange.Domain.Validation;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.Storage.Postgres;
using IndicatorExchange.Testing;
using Npgsql;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// What the indicator service on PostgreSQL guarantees with several replicas on one database (issue 23): one answer per
/// request id, revision numbers 1..N per figure, one seeding of the rules, and a change feed that never skips or repeats
/// a revision, however the writers' commits interleave.
/// </summary>
public sealed class PostgresFigureReplicaTests(PostgresFigureStoreTests.Database database, SkipReasons skips)
    : IClassFixture<PostgresFigureStoreTests.Database>, IClassFixture<SkipReasons>
{
    private const string Period = "2031Q2";

    [SkippableFact]
    public async Task Concurrent_writers_with_one_request_id_apply_it_once_and_the_others_replay_it()
    {
        SkipUnlessAvailable();
        var orgUnit = NewOrgUnit();
        var batch = Batch(Guid.NewGuid().ToString("N"), orgUnit, ("GDP", "8"), ("RETAIL_SALES", "2"));

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            database.Figures!.ApplyAsync(batch, false, c => Encoding.UTF8.GetBytes($"{c.Created}"), CancellationToken.None))));

        Assert.Single(outcomes.OfType<ApplyOutcome.Applied>());
        Assert.Equal(7, outcomes.OfType<ApplyOutcome.Replayed>().Count());
        Assert.All(outcomes.OfType<ApplyOutcome.Replayed>(), r => Assert.Equal("2", Encoding.UTF8.GetString(r.Response)));
        Assert.Equal([1L], (await database.Figures!.HistoryAsync(orgUnit, Period, "GDP", CancellationToken.None)).Select(f => f.Revision));
    }

    [SkippableFact]
    public async Task Concurrent_writers_of_one_figure_number_its_revisions_one_to_n_without_repeats()
    {
        SkipUnlessAvailable();
        var orgUnit = NewOrgUnit();

        await Task.WhenAll(Enumerable.Range(1, 6).Select(i => Task.Run(() =>
            database.Figures!.ApplyAsync(Batch("", orgUnit, ("GDP", Text(i)), ("RETAIL_SALES", Text(i))), false, _ => [], CancellationToken.None))));

        var history = await database.Figures!.HistoryAsync(orgUnit, Period, "GDP", CancellationToken.None);
        Assert.Equal([1L, 2L, 3L, 4L, 5L, 6L], history.Select(f => f.Revision));
        Assert.Equal(["1", "2", "3", "4", "5", "6"], history.Select(f => f.Value).Order());
        Assert.Equal(history.SkipLast(1).Select(f => (long?)f.Sequence), history.Skip(1).Select(f => f.ReplacesSequence));
        var current = await database.Figures!.ListCurrentAsync(new FigureQuery(orgUnit, null, [], null, 10), CancellationToken.None);
        Assert.Equal([("GDP", 6L), ("RETAIL_SALES", 6L)], current.Select(f => (f.Indicator, f.Revision)));
    }

    [SkippableFact]
    public async Task Replicas_seeding_the_rules_at_once_store_them_once()
    {
        SkipUnlessAvailable();
        var (_, reference) = database.CreateStores("rules");

        var seeded = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => reference.SeedRulesAsync(DefaultRules.All, CancellationToken.None))));

        Assert.Single(seeded, s => s);
        Assert.Equal(DefaultRules.All, await reference.ListRulesAsync(CancellationToken.None));
    }

    [SkippableFact]
    public async Task The_feed_holds_back_a_revision_until_every_earlier_transaction_has_ended()
    {
        SkipUnlessAvailable();
        var connectionString = await database.Server.CreateDatabaseAsync("feedhold");
        var (figures, _) = database.CreateStores(connectionString, out var opened);
        var heldBack = new HeldBackGauge();
        await figures.ApplyAsync(Batch("", "before", ("GDP", "1")), false, _ => [], CancellationToken.None);
        var start = (await figures.ReadChangesAsync(0, 100, CancellationToken.None)).Single();

        // A takes the lower sequence and waits; B takes the next one and commits.
        await using var a = await opened.OpenAsync();
        await using var transactionA = await a.BeginTransactionAsync();
        var sequenceA = await InsertAsync(a, transactionA, "a", "2");
        var committedB = await figures.ApplyAsync(Batch("", "b", ("GDP", "3")), false, _ => [], CancellationToken.None);
        var sequenceB = Assert.IsType<ApplyOutcome.Applied>(committedB).Counts.LastSequence;
        Assert.True(sequenceA < sequenceB);

        Assert.Empty(await figures.ReadChangesAsync(start.Sequence, 100, CancellationToken.None));
        Assert.Equal([start.Sequence], (await figures.ReadChangesAsync(0, 100, CancellationToken.None)).Select(f => f.Sequence));
        Assert.True(heldBack.Read() >= 1);

        await transactionA.CommitAsync();

        var whole = await figures.ReadChangesAsync(0, 100, CancellationToken.None);
        Assert.Equal([start.Sequence, sequenceA, sequenceB], whole.Select(f => f.Sequence));
        for (var i = 0; i < whole.Count; i++)
        {
            Assert.Equal(whole.Skip(i + 1).Select(f => f.Sequence), (await figures.ReadChangesAsync(whole[i].Sequence, 100, CancellationToken.None)).Select(f => f.Sequence));
        }
    }

    [SkippableFact]
    public async Task The_feed_holds_back_a_later_revision_while_an_earlier_transaction_runs_and_then_rolls_back()
    {
        SkipUnlessAvailable();
        var (figures, _) = database.CreateStores(await database.Server.CreateDatabaseAsync("feedabort"), out var opened);

        await using var a = await opened.OpenAsync();
        await using var transactionA = await a.BeginTransactionAsync();
        await InsertAsync(a, transactionA, "a", "1");
        await figures.ApplyAsync(Batch("", "b", ("GDP", "2")), false, _ => [], CancellationToken.None);
        Assert.Empty(await figures.ReadChangesAsync(0, 100, CancellationToken.None));

        await transactionA.RollbackAsync();

        Assert.Equal(["b"], (await figures.ReadChangesAsync(0, 100, CancellationToken.None)).Select(f => f.OrgUnit));
    }

    [SkippableFact]
    public async Task A_reader_following_many_writers_with_delayed_commits_gets_every_committed_revision_exactly_once()
    {
        SkipUnlessAvailable();
        var (figures, _) = database.CreateStores(await database.Server.CreateDatabaseAsync("feedrandom"), out var opened);
        var random = new Random(23);
        var delays = Enumerable.Range(0, 120).Select(_ => random.Next(0, 40)).ToArray();
        var aborts = Enumerable.Range(0, 120).Select(_ => random.Next(0, 6) == 0).ToArray();
        long highestCommitted = 0, committedOutOfOrder = 0;

        // Eight writers: half through the store, half holding a transaction open for a while before they commit or roll
        // back; those take their transaction id first and write a little later, so their revisions come after higher sequences.
        var writers = Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < delays.Length; i += 8)
            {
                if (w % 2 == 0)
                {
                    var outcome = await figures.ApplyAsync(Batch("", $"w{w}", ("GDP", Text(i)), ("RETAIL_SALES", Text(i))), false, _ => [], CancellationToken.None);
                    var last = ((ApplyOutcome.Applied)outcome).Counts.LastSequence;
                    for (var seen = Interlocked.Read(ref highestCommitted); seen < last; seen = Interlocked.Read(ref highestCommitted))
                    {
                        Interlocked.CompareExchange(ref highestCommitted, last, seen);
                    }
                    continue;
                }
                await using var connection = await opened.OpenAsync();
                await using var transaction = await connection.BeginTransactionAsync();
                await using (var takeId = new NpgsqlCommand("SELECT pg_current_xact_id()", connection, transaction))
                {
                    await takeId.ExecuteScalarAsync();
                }
                await Task.Delay(delays[i] / 2);
                var sequence = await InsertAsync(connection, transaction, $"w{w}-{i}", Text(i));
                await Task.Delay(delays[i]);
                if (aborts[i])
                {
                    await transaction.RollbackAsync();
                    continue;
                }
                if (sequence < Interlocked.Read(ref highestCommitted))
                {
                    Interlocked.Increment(ref committedOutOfOrder);
                }
                await transaction.CommitAsync();
            }
        })).ToList();

        var received = new List<long>();
        long position = 0;
        var done = Task.WhenAll(writers);
        while (true)
        {
            var finished = done.IsCompleted;
            var page = await figures.ReadChangesAsync(position, 7, CancellationToken.None);
            received.AddRange(page.Select(f => f.Sequence));
            if (page.Count > 0) { position = page[^1].Sequence; continue; }
            if (finished) { break; }
            await Task.Delay(3);
        }
        await done;

        await using var check = await opened.OpenAsync();
        await using var all = new NpgsqlCommand("SELECT sequence FROM figure_revisions ORDER BY xid, sequence", check);
        var stored = new List<long>();
        await using (var reader = await all.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) { stored.Add(reader.GetInt64(0)); }
        }
        Assert.Equal(stored.Count, received.Distinct().Count());
        Assert.Equal(stored, received);
        Assert.True(committedOutOfOrder > 0, "no revision committed after a higher sequence: the run proved nothing");
        Assert.True(received.Zip(received.Skip(1)).Any(p => p.First > p.Second), "the feed never went back to a lower sequence: the run proved nothing");
    }

    private void SkipUnlessAvailable() => skips.SkipUnless(database.Figures is not null, database.Server.Unavailable ?? "");

    /// <summary>A revision written directly, in a transaction the test holds open (a writer whose commit is late).</summary>
    private static async Task<long> InsertAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string orgUnit, string value)
    {
        await using var insert = new NpgsqlCommand("""
            INSERT INTO figure_revisions (org_unit, period, indicator, revision, value, unit, sent_value, sent_unit, status, note,
                                          submitted_by, request_id, received_at)
            VALUES (@orgUnit, '2031Q2', 'GDP', 1, CAST(@value AS numeric), '亿元', CAST(@value AS numeric), '亿元', 1, '', 'tester', '', @at)
            RETURNING sequence
            """, connection, transaction);
        insert.Parameters.AddWithValue("orgUnit", orgUnit);
        insert.Parameters.AddWithValue("value", value);
        insert.Parameters.AddWithValue("at", DateTimeOffset.UtcNow.ToString("O"));
        return (long)(await insert.ExecuteScalarAsync())!;
    }

    private static string NewOrgUnit() => "r" + Guid.NewGuid().ToString("N")[..12];

    private static string Text(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static FigureBatch Batch(string requestId, string orgUnit, params (string Indicator, string Value)[] figures) =>
        new([new FigureGroup(orgUnit, Period, figures.Select(f =>
            new NormalisedFigure(0, new FigurePath("", 0), f.Indicator, f.Value, "亿元", f.Value, "亿元", null, 1, "", false)).ToList())],
            requestId, "hash", "tester");

    /// <summary>Reads the held-back gauge (<see cref="PostgresFeedMetrics"/>): the largest value any indicator feed reports now.</summary>
    private sealed class HeldBackGauge
    {
        public long Read()
        {
            long largest = -1;
            using var listener = new MeterListener
            {
                InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == PostgresFeedMetrics.MeterName && instrument.Name == PostgresFeedMetrics.HeldBackName)
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                },
            };
            listener.SetMeasurementEventCallback<long>((_, value, _, _) => largest = Math.Max(largest, value));
            listener.Start();
            listener.RecordObservableInstruments();
            return largest;
        }
    }
}
