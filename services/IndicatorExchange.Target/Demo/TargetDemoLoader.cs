using Grpc.Core;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Csv;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.Target.Import;
using IndicatorExchange.Target.Submissions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace IndicatorExchange.Target.Demo;

/// <summary>
/// With --demo (not --demo=reference): sets the two counties' 2023 targets from seed-targets-2023.csv through
/// the same path as any client, one batch per org unit and year (idempotent request ids, so restarts change
/// nothing). It needs the catalog from the indicator service over gRPC, so it runs once the server listens,
/// retrying while the indicator service is not up yet; the process reports NOT_SERVING until it is done.
/// </summary>
internal sealed class TargetDemoLoader(
    IOptions<SuiteOptions> options, TargetSetter setter, StartupTasks startup, IHostApplicationLifetime lifetime, ILogger<TargetDemoLoader> logger)
    : BackgroundService
{
    private const string StartupTaskName = "demo-targets";

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.LoadsDemoData)
        {
            startup.Begin(StartupTaskName);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.LoadsDemoData)
        {
            return;
        }
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);

        var folder = options.Value.DemoDataDirectory;
        var codesByName = CatalogFiles.ReadIndicators(CsvTable.Parse(File.ReadAllText(Path.Combine(folder, "catalog.csv"))))
            .ToDictionary(i => i.NameZh, i => i.Code, StringComparer.Ordinal);
        var requests = TargetCsvRequests.Read(CsvTable.Parse(File.ReadAllText(Path.Combine(folder, "seed-targets-2023.csv"))),
            name => codesByName.GetValueOrDefault(name), "demo-targets", "demo data: 2023 government work reports");
        var retry = new ResiliencePipelineBuilder().AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<RpcException>(e => e.StatusCode is StatusCode.Unavailable or StatusCode.Internal)
                .Handle<HttpRequestException>(),
            MaxRetryAttempts = 30,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = TimeSpan.FromMilliseconds(200),
            MaxDelay = TimeSpan.FromSeconds(3),
        }).Build();
        foreach (var request in requests)
        {
            try
            {
                var response = await retry.ExecuteAsync(async token => await setter.SetAsync(request, "demo", token), stoppingToken);
                logger.LogInformation("Demo targets for {OrgUnit} {Year}: {Created} created, {Updated} updated, {Unchanged} unchanged",
                    request.Targets[0].OrgUnit, request.Targets[0].Year, response.Summary.Created, response.Summary.Updated, response.Summary.Unchanged);
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.AlreadyExists)
            {
                logger.LogWarning("Demo targets for {OrgUnit} were changed since they were loaded; left as they are", request.Targets[0].OrgUnit);
            }
        }
        logger.LogInformation("Demo targets loaded: {Targets} targets", requests.Sum(r => r.Targets.Count));
        startup.End(StartupTaskName);
    }
}
