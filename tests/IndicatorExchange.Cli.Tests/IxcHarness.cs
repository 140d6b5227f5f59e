using System.Text.RegularExpressions;
using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Services.Tests;

namespace IndicatorExchange.Cli.Tests;

/// <summary>
/// One suite (demo org units and catalog, periods open, no figures) on a TestServer, a temporary folder for files
/// and the outbox, and ixc run in-process against it with its output captured.
/// </summary>
public sealed partial class IxcHarness : IDisposable
{
    private readonly SuiteFactory _suite;
    private readonly IndicatorExchangeClient _client;

    /// <param name="fullDemo">Load the whole demo (2022 figures, 2023 targets) rather than org units and catalog only.</param>
    public IxcHarness(bool fullDemo = false)
    {
        _suite = fullDemo ? new SuiteFactory() : new ReferenceOnlySuiteFactory();
        // Creates the server and waits until it reports SERVING.
        _suite.CreateChannel().Dispose();
        _client = new IndicatorExchangeClient(Online);
    }

    public string Folder { get; } = Directory.CreateTempSubdirectory("ixc-tests-").FullName;

    public string OutboxPath => Path.Combine(Folder, "outbox.db");

    /// <summary>A client for the tests' own checks.</summary>
    public IndicatorExchangeClient Client => _client;

    /// <summary>Options reaching the suite, with fast retries.</summary>
    public IndicatorExchangeClientOptions Online => OnlineAs(IndicatorExchange.ServiceDefaults.Security.Identity.Roles.CountyReporter);

    /// <summary>Options reaching the suite with a token of this role, scoped to an org unit (the root of the demo tree by default).</summary>
    public IndicatorExchangeClientOptions OnlineAs(string role, string orgUnit = IndicatorExchange.Services.Tests.SuiteFactory.RootOrgUnit)
    {
        var options = Options(() => _suite.Server.CreateHandler());
        options.BearerToken = _suite.Issue($"ixc-tests-{role}", role, orgUnit);
        return options;
    }

    /// <summary>Options reaching the suite whatever the address, recording the host and path of every call.</summary>
    public IndicatorExchangeClientOptions Recording(System.Collections.Concurrent.ConcurrentQueue<(string Host, string Path)> calls)
    {
        var options = Options(() => new RecordingHandler(_suite.Server.CreateHandler(), calls));
        options.BearerToken = Online.BearerToken;
        return options;
    }

    /// <summary>Options for a service that cannot be reached: every connection fails.</summary>
    public static IndicatorExchangeClientOptions Offline => Options(() => new UnreachableHandler());

    public static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>A token of the suite for a role and org unit.</summary>
    public string Issue(string subject, string role, string orgUnit) => _suite.Issue(subject, role, orgUnit);

    /// <summary>The repository's root folder (the one holding IndicatorExchange.sln).</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "IndicatorExchange.sln")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException("No IndicatorExchange.sln above " + AppContext.BaseDirectory);
    }

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Runs ixc (with --outbox in the test folder) against the suite.</summary>
    public Task<IxcRun> RunAsync(params string[] args) => RunAsync(Online, args);

    public async Task<IxcRun> RunAsync(IndicatorExchangeClientOptions options, params string[] args)
    {
        var output = new StringWriter();
        var exit = await IxcApp.RunAsync([.. args, "--outbox", OutboxPath], options, output);
        return new IxcRun(exit, output.ToString());
    }

    /// <summary>Every current figure of an org unit (and period).</summary>
    public async Task<List<Figure>> FiguresAsync(string orgUnit, string period = "")
    {
        var response = await _client.Indicators.ListFiguresAsync(new ListFiguresRequest { OrgUnit = orgUnit, Period = period, PageSize = 1000 });
        return [.. response.Figures];
    }

    /// <summary>The change-feed sequence a push printed.</summary>
    public static long SequenceIn(string output) => long.Parse(Sequence().Match(output).Groups[1].Value);

    private static IndicatorExchangeClientOptions Options(Func<HttpMessageHandler> handler) => new()
    {
        IndicatorAddress = "http://localhost",
        TargetAddress = "http://localhost",
        AggregationAddress = "http://localhost",
        MaxAttempts = 2,
        RetryInitialBackoff = TimeSpan.FromMilliseconds(10),
        RetryMaxBackoff = TimeSpan.FromMilliseconds(50),
        WatchReconnectDelay = TimeSpan.FromMilliseconds(20),
        WatchReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
        HandlerFactory = handler,
    };

    public void Dispose()
    {
        _client.Dispose();
        _suite.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp folder.
        }
    }

    [GeneratedRegex(@"Change-feed sequence (\d+)")]
    private static partial Regex Sequence();

    /// <summary>Passes every call to the suite, noting where it was addressed.</summary>
    private sealed class RecordingHandler(HttpMessageHandler inner, System.Collections.Concurrent.ConcurrentQueue<(string Host, string Path)> calls)
        : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            calls.Enqueue((request.RequestUri!.Host, request.RequestUri.AbsolutePath));
            return base.SendAsync(request, cancellationToken);
        }
    }

    /// <summary>The network as it is on a bad day: no connection at all.</summary>
    private sealed class UnreachableHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (test: the service is down)");
    }
}

/// <summary>What one ixc run returned and printed (output and errors together).</summary>
public sealed record IxcRun(int Exit, string Output)
{
    public override string ToString() => $"exit {Exit}:\n{Output}";
}
