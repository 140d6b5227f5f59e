using IndicatorExchange.Contracts.Aggregation.V1;

namespace IndicatorExchange.Benchmarks;

/// <summary>
/// Issue 8, figure 3: the time of AggregationService.RebuildRollups for one quarter of the generated data, and in full
/// mode for four quarters: the full recomputation of every rollup from the figures the aggregator holds (the goal), and
/// the replay of the whole change feed into an emptied copy (which also re-sends and re-stores every revision).
/// </summary>
public static class RebuildBenchmark
{
    public static async Task<Section> RunAsync(BenchContext context)
    {
        var national = await context.NationalAsync();
        var data = national.Data;
        var rows = new List<Row>();
        var text = new List<string>();

        var oneQuarter = await TimeRebuildsAsync(national, RebuildSource.StoredFigures);
        // The engine logs the split of a recomputation between its transaction's work and its commit.
        var split = national.Suite.Output.Split('\n').LastOrDefault(l => l.Contains("periods and indicators from the stored figures", StringComparison.Ordinal))?.Trim();
        rows.Add(new Row("rebuild", $"RebuildRollups from the stored figures (every rollup recomputed), one quarter ({Report.N(oneQuarter.Figures)} figures), median of {oneQuarter.Runs.Count}",
            Report.S(oneQuarter.Median), "", "< 1 s", oneQuarter.Median < TimeSpan.FromSeconds(1)));
        text.Add(oneQuarter.TableRow("one quarter, from the stored figures"));
        if (national.ConnectionString is { } connectionString)
        {
            // Each run above found every stored value right and wrote none; these write them all.
            var rewritten = await TimeRebuildsAsync(national, RebuildSource.StoredFigures, () => BenchEngine.SpoilNodeValuesAsync(connectionString));
            rows.Add(new Row("rebuild", $"RebuildRollups from the stored figures, one quarter, every stored value made wrong beforehand (each written again), median of {rewritten.Runs.Count}",
                Report.S(rewritten.Median), "", "< 2 s (issue 23)", rewritten.Median < TimeSpan.FromSeconds(2)));
            text.Add(rewritten.TableRow("one quarter, from the stored figures, every stored value wrong beforehand"));
        }
        var replay = await TimeRebuildsAsync(national, RebuildSource.ChangeFeed);
        rows.Add(new Row("rebuild", $"RebuildRollups replaying the change feed, one quarter ({Report.N(replay.Figures)} revisions), median of {replay.Runs.Count}",
            Report.S(replay.Median), "", "< 1 s", replay.Median < TimeSpan.FromSeconds(1)));
        text.Add(replay.TableRow("one quarter, replaying the feed"));

        var loads = new List<QuarterLoad>();
        if (context.Quick)
        {
            rows.Add(new Row("rebuild", "RebuildRollups, four quarters", "not measured in --quick mode", "", "< 3 s", null));
        }
        else
        {
            Console.WriteLine("  loading three more quarters for the four-quarter rebuild …");
            // On PostgreSQL the middle quarter goes through two indicator services, between two quarters through one.
            loads = await national.IngestQuartersAsync(2, 4, twoReplicaQuarter: 3);
            rows.AddRange(ReplicaRows(loads));
            var fourQuarters = await TimeRebuildsAsync(national, RebuildSource.StoredFigures);
            rows.Add(new Row("rebuild", $"RebuildRollups from the stored figures, four quarters ({Report.N(fourQuarters.Figures)} figures), median of {fourQuarters.Runs.Count}",
                Report.S(fourQuarters.Median), "", "< 3 s", fourQuarters.Median < TimeSpan.FromSeconds(3)));
            text.Add(fourQuarters.TableRow("four quarters, from the stored figures"));
            if (context.Args.Contains("--four-quarters"))
            {
                var fourReplayed = await TimeRebuildsAsync(national, RebuildSource.ChangeFeed);
                rows.Add(new Row("rebuild", $"RebuildRollups replaying the change feed, four quarters ({Report.N(fourReplayed.Figures)} revisions), median of {fourReplayed.Runs.Count}",
                    Report.S(fourReplayed.Median), "", "< 3 s", fourReplayed.Median < TimeSpan.FromSeconds(3)));
                text.Add(fourReplayed.TableRow("four quarters, replaying the feed"));
            }
            else
            {
                text.Add("| four quarters, replaying the feed | not run (`--four-quarters` runs it) | | | | | |");
            }
        }

        var perFigure = oneQuarter.Runs[0].Phase.Wall.TotalMicroseconds / Math.Max(1, oneQuarter.Figures);
        var perRevision = replay.Runs[0].Phase.Wall.TotalMicroseconds / Math.Max(1, replay.Runs[0].Reply.RevisionsReplayed);
        var body = $"""
            ## Rebuild: RebuildRollups

            `AggregationService.RebuildRollups` in its two forms. **From the stored figures** (`source: REBUILD_SOURCE_STORED_FIGURES`,
            `indicatorexchange rebuild --from=stored`): one transaction goes through every period and indicator that has figures, reads
            that pair's figures with the prior year's and the weight indicator's beside them (one range of the `figures` table, keyed by
            period, indicator and org unit), evaluates every inner node of the tree deepest first (each roll-up once) and writes every
            node's value anew (a few dozen bytes: summary rows are built from the children's values when read), in key order into a new
            table that replaces the old one at the end; the pairs are read and evaluated on every core (one read transaction each
            beside the session's, which holds the write lock, so all see the same figures) while the session writes; then it checkpoints and truncates the write-ahead log. This is the full recomputation issue 8 sets the goal for.{PostgresRewrite(national)} **Replaying the change feed**
            (the default): forgets the aggregator's copy, re-reads every revision from the indicator service's feed (over gRPC, in the same
            process) and applies it through the live path, answering when it is back where it was. The data: only the generated figures
            ({data.Counties.Count:#,0} counties × {data.Indicators.Count} indicators per quarter; `--demo=reference` loads no figures).
            Timed from the call to its answer; each rebuild's totals were checked afterwards.{(context.Quick
                ? $" In quick mode a quarter holds {Report.N(data.FiguresPerQuarter)} figures, not the national 570,000."
                : "")}

            | data | revisions replayed | rollups (node values) | runs (s) | median | suite CPU (first run) | suite cores busy |
            | --- | ---: | ---: | --- | ---: | ---: | ---: |
            {string.Join("\n", text)}

            ### Where the time goes (rebuild)

            A stopwatch around the call, the suite's CPU time from `/proc/<pid>/stat`, the aggregator's feed position sampled every
            100 ms during the first replay, and a profile of the first run of each form ({PerfProfile.Method}).
            The recomputation from the stored figures took {Report.N(perFigure, "0.00")} µs of wall time per figure, against about 1 µs per
            row for SQLite to read and sum them (issue 8's reference point): besides reading (through SQLitePCL, a string per text
            column), it parses every value exactly (decimal), evaluates each node's roll-up rule with its growth and the exact sums
            behind them, and encodes and stores {Report.N(oneQuarter.Runs[0].Reply.Rows)} node values. The suite's log of its last run: {(split is null ? "(not found)" : $"`{split}`")}.
            The replay took {Report.N(perRevision, "0.0")} µs of wall time per revision with
            {Report.N(replay.Runs[0].Phase.ServerCpu / replay.Runs[0].Phase.Wall, "0.00")} cores busy; its speed over each quarter of the replay:
            {replay.Speed}. The feed arrives in messages of at most 500 revisions, each saying whether more are already waiting; the
            consumer applies up to 25,000 revisions per transaction while more are waiting (a live change alone). Each transaction stores the
            revisions, then re-evaluates only the ancestors of the changed counties: the engine keeps the inner nodes' values between
            transactions (up to 150,000, about two national quarters, the pairs used least recently let go beyond that; all forgotten on an
            edit of the catalog, the tree or a deadline, or a failed commit), reads the figures of the changed counties' siblings, and reads a
            period and indicator nationwide only the first time it meets them (or again after it was let go), so a replay's work grows
            with the number of revisions, not with its square.
            {(loads.Count == 0 ? "" : "\nLoading the three further quarters (not part of any goal): "
              + string.Join("; ", loads.Select(l => $"{NationalData.Quarter(l.Quarter)} {Report.N(l.Upload.Rate)} figures/s acknowledged{(l.Replicas > 1 ? $" through {l.Replicas} indicator services (the second started for it, then warmed up with {NationalSuite.ReplicaWarmUpUploads} of its uploads sent with validate_only)" : "")}, "
                  + $"aggregator caught up {Report.S(l.CatchUp.Wall)} later")) + ".")}
            """
            + (oneQuarter.Profile is null ? "" : $"\n\nProfile of the suite during the first one-quarter recomputation from the stored figures:\n\n{oneQuarter.Profile}")
            + (replay.Profile is null ? "" : $"\n\nProfile of the suite during the first one-quarter replay of the feed:\n\n{replay.Profile}");
        return new Section(rows, body);
    }

    /// <summary>Ingest through two indicator services against one (the quarters before and after), when a quarter went through two.</summary>
    private static IEnumerable<Row> ReplicaRows(List<QuarterLoad> loads)
    {
        var two = loads.Where(l => l.Replicas == 2).ToList();
        var one = loads.Where(l => l.Replicas == 1).ToList();
        if (two.Count == 0 || one.Count == 0)
        {
            yield break;
        }
        var oneRate = one.Average(l => l.Upload.Rate);
        var twoRate = two.Average(l => l.Upload.Rate);
        yield return new Row("ingest", $"figures/s acknowledged through two indicator services on one database ({string.Join(", ", two.Select(l => NationalData.Quarter(l.Quarter)))}) "
                                       + $"÷ through one (mean of {string.Join(" and ", one.Select(l => NationalData.Quarter(l.Quarter)))})",
            $"{Report.N(twoRate)}/s (×{Report.N(twoRate / oneRate, "0.00")})", $"{Report.N(oneRate)}/s", "≥ 1 × baseline", twoRate >= oneRate);
    }

    private static string PostgresRewrite(NationalSuite national) => national.ConnectionString is null ? "" :
        " On PostgreSQL no new table is filled: the session reads each pair's stored values and writes only those that differ"
        + " (an upsert), deleting at the end the stored values not written again; a run that finds every value right writes none,"
        + " so one more set of runs first makes every stored value wrong (`UPDATE node_values SET value = ''`, then `VACUUM`), and each is written.";

    private static async Task<Rebuilds> TimeRebuildsAsync(NationalSuite national, RebuildSource source, Func<Task>? beforeEach = null)
    {
        var runs = new List<(Phase Phase, RebuildRollupsResponse Reply)>();
        var speed = "";
        string? profile = null;
        while (true)
        {
            Console.WriteLine($"  RebuildRollups from {(source == RebuildSource.StoredFigures ? "the stored figures" : "the change feed")} ({national.QuartersLoaded} quarter(s)) …");
            if (beforeEach is not null)
            {
                await beforeEach();
            }
            var sampler = runs.Count == 0 && source == RebuildSource.ChangeFeed ? new ProgressSampler(national.Aggregation, national.Probe, afterReset: true) : null;
            // The first run is profiled (the catch-up after ingest has already run the same code).
            var perf = runs.Count == 0 ? await PerfProfile.StartAsync(national.Suite.ProcessId, national.Directory, "rebuild") : null;
            var clock = new PhaseClock(national.Suite.ProcessId);
            var reply = await national.Administration.RebuildRollupsAsync(new RebuildRollupsRequest { Source = source }, deadline: DateTime.UtcNow.AddMinutes(60));
            var phase = clock.Stop("RebuildRollups");
            if (sampler is not null)
            {
                speed = await sampler.StopAsync(0, reply.AsOfSequence);
            }
            if (perf is not null)
            {
                profile = await perf.SummaryAsync();
            }
            runs.Add((phase, reply));
            national.NotePeak($"RebuildRollups from {(source == RebuildSource.StoredFigures ? "the stored figures" : "the change feed")}, {national.QuartersLoaded} quarter(s), run {runs.Count}");
            for (var q = 1; q <= national.QuartersLoaded; q++)
            {
                await national.CheckTotalsAsync(q);
            }
            // Three runs when a run is short; one or two when they take long.
            if (runs.Count == 3 || runs.Sum(r => r.Phase.Wall.TotalSeconds) > 60)
            {
                break;
            }
        }
        return new Rebuilds(national.Data.FiguresPerQuarter * national.QuartersLoaded, runs, speed, profile);
    }

    private sealed record Rebuilds(int Figures, List<(Phase Phase, RebuildRollupsResponse Reply)> Runs, string Speed, string? Profile)
    {
        public TimeSpan Median => Runs.Select(r => r.Phase.Wall).Order().ElementAt(Runs.Count / 2);

        public string TableRow(string data) =>
            $"| {data} | {Report.N(Runs[0].Reply.RevisionsReplayed)} | {Report.N(Runs[0].Reply.Rows)} | "
            + $"{string.Join(", ", Runs.Select(r => Report.N(r.Phase.Wall.TotalSeconds, "0.00")))} | {Report.S(Median)} | {Report.S(Runs[0].Phase.ServerCpu)} | "
            + $"{Report.N(Runs[0].Phase.ServerCpu / Runs[0].Phase.Wall, "0.00")} |";
    }
}
