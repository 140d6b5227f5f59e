using System.Collections.Concurrent;
using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using IndicatorExchange.Testing;

namespace IndicatorExchange.Benchmarks;

/// <summary>
/// A fresh all-in-one suite (<c>--demo=reference</c>: the Ili org units, the demo catalog and the periods 2019 to
/// this year) loaded with the generated tree and catalog and with one quarter of figures, shared by the ingest,
/// reads, rebuild and footprint benchmarks of one run. The ingest benchmark is the one that times the loading.
/// Security is on as shipped: every call carries a JWT signed with the suite's key (see the channels below); only the
/// per-subject rate limit is turned off (<see cref="Arguments"/>), since the reads benchmark makes thousands of calls a second.
/// </summary>
public sealed class NationalSuite : IAsyncDisposable
{
    public const int ConcurrentUploads = 8;
    public const int FiguresPerUpload = 5_000;

    /// <summary>The uploads a second indicator service runs with validate_only before the quarter it takes half of.</summary>
    public const int ReplicaWarmUpUploads = 24;

    /// <summary>What every suite the benchmarks start is given beyond its data: no per-subject rate limit (0 = off).</summary>
    public static readonly string[] Arguments = ["--Limits:RequestsPerSecond=0"];

    /// <summary>The benchmarks' tokens outlive a full-mode run (SuiteProcess's default tokens last an hour).</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(24);

    private readonly GrpcChannel _administratorChannel;
    private readonly GrpcChannel _monitorChannel;
    private readonly GrpcChannel _uploadChannel;
    private readonly GrpcChannel _analystChannel;
    private readonly Dictionary<string, string> _reporterTokens = [];

    private NationalSuite(NationalData data, string directory, SuiteProcess suite, string[] storage)
    {
        Data = data;
        Directory = directory;
        Suite = suite;
        Storage = storage;
        // Anything ad hoc on the suite's own channel goes as a reporter of the whole generated tree.
        suite.ScopeRoot = NationalData.Nation;
        _administratorChannel = suite.ChannelWith(suite.Issue("bench-admin", Roles.Administrator, "", TokenLifetime));
        _monitorChannel = suite.ChannelWith(suite.Issue($"bench-analyst-{NationalData.Nation}", Roles.PrefectureAnalyst, NationalData.Nation, TokenLifetime));
        _uploadChannel = suite.ChannelWith(null);
        AnalystPrefecture = data.Prefectures[0];
        _analystChannel = suite.ChannelWith(suite.Issue($"bench-analyst-{AnalystPrefecture}", Roles.PrefectureAnalyst, AnalystPrefecture, TokenLifetime));
        Indicators = new IndicatorService.IndicatorServiceClient(_administratorChannel);
        Uploads = new IndicatorService.IndicatorServiceClient(_uploadChannel);
        Aggregation = new AggregationService.AggregationServiceClient(_monitorChannel);
        Administration = new AggregationService.AggregationServiceClient(_administratorChannel);
        AnalystAggregation = new AggregationService.AggregationServiceClient(_analystChannel);
    }

    /// <summary>The catalog and the tree, as an administrator.</summary>
    public IndicatorService.IndicatorServiceClient Indicators { get; }

    /// <summary>UploadFigures on a channel without a token: each upload sends its own reporter's (<see cref="ReporterToken"/>).</summary>
    public IndicatorService.IndicatorServiceClient Uploads { get; }

    /// <summary>The benchmarks' own reads (the aggregator's position, the totals' checks), as an analyst of the whole generated tree.</summary>
    public AggregationService.AggregationServiceClient Aggregation { get; }

    /// <summary>RebuildRollups, as an administrator.</summary>
    public AggregationService.AggregationServiceClient Administration { get; }

    /// <summary>The prefecture the reads benchmark reads, as the dashboard would: with that prefecture's analyst token.</summary>
    public string AnalystPrefecture { get; }

    public AggregationService.AggregationServiceClient AnalystAggregation { get; }

    /// <summary>The channel of <see cref="AnalystAggregation"/> (the reads benchmark's empty-RPC baseline goes on it too).</summary>
    public GrpcChannel AnalystChannel => _analystChannel;

    /// <summary>The largest request message of an upload, bytes (a county's batch), against Limits:MaxMessageBytes.</summary>
    public int LargestUploadMessage { get; private set; }

    /// <summary>How many of the first quarter's uploads went with a token scoped to a prefecture, a region or the nation, and how many tokens.</summary>
    public string UploadScopes { get; private set; } = "";

    /// <summary>A county reporter's token scoped to <paramref name="orgUnit"/>, one per unit, signed before any clock starts.</summary>
    public string ReporterToken(string orgUnit)
    {
        lock (_reporterTokens)
        {
            if (!_reporterTokens.TryGetValue(orgUnit, out var token))
            {
                _reporterTokens[orgUnit] = token = Suite.Issue($"bench-reporter-{orgUnit}", Roles.CountyReporter, orgUnit, TokenLifetime);
            }
            return token;
        }
    }

    public NationalData Data { get; }

    /// <summary>The data directory; it outlives the suite process so the footprint benchmark can restart on it.</summary>
    public string Directory { get; }

    public SuiteProcess Suite { get; private set; }

    /// <summary>The suite's storage arguments (<see cref="BenchEngine.SuiteArgumentsAsync"/>): a restart on the same data passes them again.</summary>
    public string[] Storage { get; }

    /// <summary>The suite's PostgreSQL database; null on SQLite.</summary>
    public string? ConnectionString => BenchEngine.ConnectionString(Storage);

    /// <summary>The setup phases before the timed upload (start, tree import, catalog).</summary>
    public List<Phase> Setup { get; } = [];

    public UploadRun? ValidateOnlyRun { get; private set; }

    public UploadRun? Ingest { get; private set; }

    public Phase? CatchUp { get; private set; }

    public long LastSequence { get; private set; }

    /// <summary>A perf profile of the suite during the timed upload (null without perf).</summary>
    public string? IngestProfile { get; private set; }

    /// <summary>The aggregator's revisions/s over each quarter of the first quarter's feed, from the first upload on.</summary>
    public string AggregatorSpeed { get; private set; } = "";

    /// <summary>A cheap summary whose as_of_sequence tells the aggregator's position.</summary>
    public GetSummaryRequest Probe => new() { OrgUnit = Data.Prefectures[0], Period = NationalData.Quarter(1), Indicators = { Data.Indicators[0] } };

    public int QuartersLoaded { get; private set; }

    /// <summary>Resident memory of the suite after the one quarter was ingested and rolled up.</summary>
    public long RssLoaded { get; private set; }

    public bool Disposed { get; private set; }

    /// <summary>The suite's peak resident memory (VmHWM) after each phase run on it, in order: where the peak was reached.</summary>
    public List<(string After, long Peak)> Peaks { get; } = [];

    /// <summary>Notes a quarter submitted outside the uploads (the national load): the quarters loaded and the sequence to wait for.</summary>
    public void NoteSubmitted(int quarter, long lastSequence)
    {
        QuartersLoaded = Math.Max(QuartersLoaded, quarter);
        LastSequence = Math.Max(LastSequence, lastSequence);
    }

    public void NotePeak(string after) => Peaks.Add((after, ProcStats.PeakRss(Suite.ProcessId)));

    public static async Task<NationalSuite> StartAsync(bool quick, BenchEngine engine, int? regions = null)
    {
        var data = NationalData.Generate(quick, regions);
        var directory = System.IO.Directory.CreateTempSubdirectory("ix-bench-national-").FullName;
        var storage = await engine.SuiteArgumentsAsync("national");
        var wall = Stopwatch.StartNew();
        var suite = await SuiteProcess.StartAsync(directory, PerfProfile.SuiteEnvironment, ["--demo=reference", .. storage, .. Arguments]);
        var self = new NationalSuite(data, directory, suite, storage);
        self.Setup.Add(new Phase("start a fresh suite (--demo=reference)", wall.Elapsed, ProcStats.Cpu(suite.ProcessId), TimeSpan.Zero));

        var clock = new PhaseClock(suite.ProcessId);
        var tree = data.WriteOrgUnitsCsv(directory);
        var (exit, output) = await SuiteProcess.RunCommandAsync("import-org-units", tree, $"--address={suite.Address}", $"--data-dir={directory}");
        if (exit != 0)
        {
            throw new InvalidOperationException($"import-org-units failed ({exit}): {output}");
        }
        self.Setup.Add(clock.Stop($"import-org-units: {data.Units.Count:#,0} units, one CreateOrgUnit each"));
        Console.WriteLine($"    {self.Setup[^1].Name}: {self.Setup[^1].Wall.TotalSeconds:0.0} s");

        clock = new PhaseClock(suite.ProcessId);
        foreach (var indicator in NationalData.ReadCatalogCsv(data.WriteCatalogCsv(directory)))
        {
            await self.Indicators.CreateIndicatorAsync(new CreateIndicatorRequest { Indicator = indicator }, deadline: DateTime.UtcNow.AddSeconds(30));
        }
        self.Setup.Add(clock.Stop($"CreateIndicator × {data.Indicators.Count}"));
        return self;
    }

    /// <summary>
    /// Loads one quarter: first the same uploads with validate_only (a warm-up that also times validation and the
    /// rolled-back apply), then for real; then waits until the aggregator has rolled everything up.
    /// </summary>
    public async Task IngestFirstQuarterAsync()
    {
        var dryRun = Data.Uploads(1, FiguresPerUpload, ConcurrentUploads, "bench-validate");
        ValidateOnlyRun = await UploadAsync(dryRun, validateOnly: true);
        NotePeak("the setup and the validate_only uploads");
        dryRun.Clear();

        var uploads = Data.Uploads(1, FiguresPerUpload, ConcurrentUploads, "bench");
        LargestUploadMessage = uploads.Max(u => u.Batches.Max(b => new UploadFiguresRequest { Batch = b }.CalculateSize()));
        var level = (string scope) => scope == NationalData.Nation ? "the nation" : Data.Regions.Contains(scope) ? "a region" : "a prefecture";
        UploadScopes = string.Join(", ", uploads.GroupBy(u => level(u.Scope)).Select(g => $"{g.Count()} upload{(g.Count() == 1 ? "" : "s")} with a token scoped to {g.Key}"))
                       + $"; {uploads.Select(u => u.Scope).Distinct().Count()} distinct tokens";
        GC.Collect();
        var sampler = new ProgressSampler(Aggregation, Probe);
        var profile = await PerfProfile.StartAsync(Suite.ProcessId, Directory, "ingest");
        Ingest = await UploadAsync(uploads, validateOnly: false);
        var catchUpClock = new PhaseClock(Suite.ProcessId);
        if (profile is not null)
        {
            await profile.StopRecordingAsync();
        }
        uploads.Clear();
        CatchUp = await WaitForAggregatorAsync("aggregator catches up (after the last acknowledgement)", catchUpClock);
        AggregatorSpeed = await sampler.StopAsync(0, LastSequence);
        IngestProfile = profile is null ? null : await profile.SummaryAsync();
        QuartersLoaded = 1;
        RssLoaded = ProcStats.Rss(Suite.ProcessId);
        NotePeak($"the ingest of {NationalData.Quarter(1)} and its roll-up");
        await CheckTotalsAsync(1);
    }

    /// <summary>
    /// Loads further quarters (for the four-quarter rebuild), untimed as ingest but reported. On PostgreSQL the quarter
    /// <paramref name="twoReplicaQuarter"/> goes half through a second indicator service on the same database.
    /// </summary>
    public async Task<List<QuarterLoad>> IngestQuartersAsync(int fromQuarter, int toQuarter, int twoReplicaQuarter = 0)
    {
        var runs = new List<QuarterLoad>();
        for (var q = fromQuarter; q <= toQuarter; q++)
        {
            var uploads = Data.Uploads(q, FiguresPerUpload, ConcurrentUploads, "bench");
            var replica = q == twoReplicaQuarter && ConnectionString is not null ? await StartIndicatorReplicaAsync() : null;
            UploadRun run;
            try
            {
                using var replicaChannel = replica?.ChannelWith(null);
                var replicaClient = replicaChannel is null ? null : new IndicatorService.IndicatorServiceClient(replicaChannel);
                if (replicaClient is not null)
                {
                    // The first service has run every upload before; the new one runs some with validate_only first (its
                    // code compiled to its final tier, as a replica's is once it has run a while), so that the quarter compares
                    // two running services with one, not a start-up with one.
                    await UploadAsync(uploads.Take(ReplicaWarmUpUploads).ToList(), validateOnly: true, [replicaClient]);
                }
                run = await UploadAsync(uploads, validateOnly: false, replicaClient is null ? null : [Uploads, replicaClient]);
            }
            finally
            {
                if (replica is not null)
                {
                    await replica.DisposeAsync();
                    try { System.IO.Directory.Delete(replica.DataDirectory, recursive: true); } catch (IOException) { }
                }
            }
            uploads.Clear();
            runs.Add(new QuarterLoad(q, run, await WaitForAggregatorAsync($"aggregator catches up with {NationalData.Quarter(q)}"), replica is null ? 1 : 2));
            QuartersLoaded = q;
            NotePeak($"the ingest of {NationalData.Quarter(q)} and its roll-up");
            await CheckTotalsAsync(q);
        }
        return runs;
    }

    /// <summary>A second indicator service (<c>--target=indicator</c>) on the suite's PostgreSQL database, with the suite's signing keys.</summary>
    private async Task<SuiteProcess> StartIndicatorReplicaAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ix-bench-replica-").FullName;
        var keys = SigningKeyFile.DefaultPath(directory);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(keys)!);
        File.Copy(SigningKeyFile.DefaultPath(Directory), keys);
        Console.WriteLine("    a second indicator service on the same database; the uploads alternate between the two");
        return await SuiteProcess.StartAsync(directory, ["--target=indicator", .. Storage, .. Arguments]);
    }

    /// <summary>Polls GetSummary until the aggregator's as_of_sequence reaches the last acknowledged sequence.</summary>
    public async Task<Phase> WaitForAggregatorAsync(string name, PhaseClock? started = null)
    {
        var clock = started ?? new PhaseClock(Suite.ProcessId);
        var deadline = DateTime.UtcNow.AddMinutes(60);
        var report = Stopwatch.StartNew();
        while (true)
        {
            var summary = (await Aggregation.GetSummaryAsync(Probe, deadline: DateTime.UtcNow.AddSeconds(30))).Summary;
            if (summary.AsOfSequence >= LastSequence && (ConnectionString is null || await BenchEngine.FeedAppliedAsync(ConnectionString)))
            {
                return clock.Stop(name);
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the aggregator is at {summary.AsOfSequence}, not {LastSequence}, after an hour");
            }
            if (report.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.WriteLine($"    aggregator at sequence {summary.AsOfSequence:#,0} of {LastSequence:#,0}");
                report.Restart();
            }
            await Task.Delay(50);
        }
    }

    /// <summary>The rolled-up totals of a few prefectures must be the exact sums of their counties' figures.</summary>
    public async Task CheckTotalsAsync(int quarter)
    {
        foreach (var prefecture in new[] { Data.Prefectures[0], Data.Prefectures[^1] })
        {
            foreach (var i in new[] { 0, Data.Indicators.Count - 1 })
            {
                var row = (await Aggregation.GetSummaryAsync(new GetSummaryRequest
                {
                    OrgUnit = prefecture, Period = NationalData.Quarter(quarter), Indicators = { Data.Indicators[i] },
                })).Summary.Rows.Single();
                var expected = Data.PrefectureTotal(prefecture, i, quarter);
                if (row.Total?.ToDecimal() != expected || row.Partial)
                {
                    throw new InvalidOperationException($"{prefecture} {Data.Indicators[i]} {NationalData.Quarter(quarter)}: total {row.Total?.Value} (partial {row.Partial}), expected {expected}");
                }
            }
        }
    }

    /// <summary>
    /// Sends the uploads, <see cref="ConcurrentUploads"/> at a time, each waited for until acknowledged; the senders take
    /// turns over <paramref name="services"/> (by default the suite's own <see cref="Uploads"/>).
    /// </summary>
    public async Task<UploadRun> UploadAsync(List<NationalData.Upload> uploads, bool validateOnly, IReadOnlyList<IndicatorService.IndicatorServiceClient>? services = null)
    {
        services ??= [Uploads];
        // Each upload goes with the token of the reporter whose subtree holds its counties, signed before the clock starts.
        var headers = uploads.Select(u => u.Scope).Distinct().ToDictionary(scope => scope, scope => new Metadata { { "authorization", $"Bearer {ReporterToken(scope)}" } });
        var queue = new ConcurrentQueue<NationalData.Upload>(uploads);
        var latencies = new ConcurrentBag<(double Total, double AfterLastMessage)>();
        var created = 0;
        long lastSequence = 0;
        var clock = new PhaseClock(Suite.ProcessId);
        var workers = Enumerable.Range(0, ConcurrentUploads).Select(async worker =>
        {
            var service = services[worker % services.Count];
            while (queue.TryDequeue(out var upload))
            {
                var start = Stopwatch.GetTimestamp();
                using var call = service.UploadFigures(headers[upload.Scope], deadline: DateTime.UtcNow.AddMinutes(10));
                await call.RequestStream.WriteAsync(new UploadFiguresRequest
                {
                    Header = new UploadHeader { RequestId = upload.RequestId, ValidateOnly = validateOnly },
                });
                foreach (var batch in upload.Batches)
                {
                    await call.RequestStream.WriteAsync(new UploadFiguresRequest { Batch = batch });
                }
                await call.RequestStream.CompleteAsync();
                var sent = Stopwatch.GetTimestamp();
                var response = await call;
                var done = Stopwatch.GetTimestamp();
                var accepted = response.Summary.Created + response.Summary.Updated + response.Summary.Unchanged;
                if (response.Summary.Rejected != 0 || accepted != upload.Figures || (!validateOnly && response.Summary.Created != upload.Figures))
                {
                    throw new InvalidOperationException($"upload {upload.RequestId}: {response.Summary}");
                }
                Interlocked.Add(ref created, response.Summary.Created);
                InterlockedMax(ref lastSequence, response.LastSequence);
                latencies.Add((Stopwatch.GetElapsedTime(start, done).TotalMilliseconds, Stopwatch.GetElapsedTime(sent, done).TotalMilliseconds));
            }
        }).ToList();
        await Task.WhenAll(workers);
        var phase = clock.Stop(validateOnly
            ? $"UploadFigures with validate_only (validate, quality rules, apply, roll back), {ConcurrentUploads} at a time"
            : $"UploadFigures, {ConcurrentUploads} at a time, until the last is acknowledged");
        if (!validateOnly)
        {
            LastSequence = Math.Max(LastSequence, lastSequence);
        }
        var figures = uploads.Sum(u => u.Figures);
        Console.WriteLine($"    {(validateOnly ? "validate_only: " : "")}{figures:#,0} figures in {uploads.Count} uploads acknowledged in {phase.Wall.TotalSeconds:0.00} s "
                          + $"({figures / phase.Wall.TotalSeconds:#,0}/s), suite CPU {phase.ServerCpu.TotalSeconds:0.0} s");
        return new UploadRun(figures, uploads.Count, phase, [.. latencies.Select(l => l.Total).Order()], [.. latencies.Select(l => l.AfterLastMessage).Order()]);
    }

    /// <summary>Stops the suite process (the data directory stays until <see cref="DisposeAsync"/>).</summary>
    public async Task StopProcessAsync()
    {
        if (!Disposed)
        {
            var pid = Suite.ProcessId;
            _administratorChannel.Dispose();
            _monitorChannel.Dispose();
            _uploadChannel.Dispose();
            _analystChannel.Dispose();
            await Suite.DisposeAsync();
            PerfProfile.DeleteMaps(pid);
            Disposed = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopProcessAsync();
        try { System.IO.Directory.Delete(Directory, recursive: true); } catch (IOException) { }
    }

    /// <summary>Raises <paramref name="target"/> to <paramref name="value"/> when larger, from any thread.</summary>
    internal static void InterlockedMax(ref long target, long value)
    {
        var current = Interlocked.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }
            current = seen;
        }
    }
}

/// <summary>A further quarter loaded: its uploads, the aggregator's catch-up after them, and through how many indicator services it went.</summary>
public sealed record QuarterLoad(int Quarter, UploadRun Upload, Phase CatchUp, int Replicas);

/// <summary>One set of uploads: how many figures, the phase's wall and CPU time, and each upload's latency.</summary>
/// <param name="Latencies">Each upload from its first message to its acknowledgement, ms, sorted.</param>
/// <param name="AfterLastMessage">Each upload from its last message sent to its acknowledgement, ms, sorted.</param>
public sealed record UploadRun(int Figures, int Uploads, Phase Phase, List<double> Latencies, List<double> AfterLastMessage)
{
    public double Rate => Figures / Phase.Wall.TotalSeconds;
}
