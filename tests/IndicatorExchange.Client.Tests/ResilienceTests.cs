using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using Polly.CircuitBreaker;
using ReferenceOnlySuiteFactory = IndicatorExchange.Services.Tests.ReferenceOnlySuiteFactory;

namespace IndicatorExchange.Client.Tests;

/// <summary>
/// Retries, deadlines and the circuit breaker against a handler that injects failures in front of the real suite.
/// Each test has its own client (and so its own circuit); submissions are kept apart by county, all in 2020.
/// </summary>
public sealed class ResilienceTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    [Theory]
    [InlineData(Fault.GrpcUnavailable)]
    [InlineData(Fault.Http503)]
    [InlineData(Fault.ConnectionFailure)]
    public async Task A_read_succeeds_after_two_unavailable_attempts(Fault fault)
    {
        var (client, handler) = Create();
        using var owned = client;
        await client.ListAllOrgUnitsAsync("654000");
        handler.FailNext(2, fault);

        var counties = await client.ListAllOrgUnitsAsync("654000");

        Assert.Equal(11, counties.Count);
        Assert.Equal(3, handler.Attempts);
    }

    [Fact]
    public async Task A_submission_succeeds_after_two_unavailable_attempts_and_is_applied_once()
    {
        var (client, handler) = Create();
        using var owned = client;
        await client.ListAllIndicatorsAsync();
        handler.FailNext(2, Fault.GrpcUnavailable);
        var request = Figures.Batch("654002", "2020", Figures.Figure("GDP", 330.5m, "亿元", yoyGrowthPct: 2.1m));

        var response = await client.SubmitFiguresAsync(request);

        Assert.Equal(3, handler.Attempts);
        Assert.Equal(1, response.Summary.Created);
        Assert.Single(await client.GetFigureHistoryAsync("654002", "2020", "GDP"));
    }

    [Fact]
    public async Task An_invalid_submission_is_not_retried()
    {
        var (client, handler) = Create();
        using var owned = client;
        await client.ListAllIndicatorsAsync();
        handler.FailNext(0, Fault.GrpcUnavailable);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.SubmitFiguresAsync(Figures.Batch("654003", "2020", Figures.Figure("GDP", 1m, "美元"))));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(1, handler.Attempts);
    }

    [Fact]
    public async Task An_upload_is_not_retried_by_the_channel_but_sent_again_whole_with_the_same_request_id()
    {
        var (client, handler) = Create();
        using var owned = client;
        await client.ListAllIndicatorsAsync();
        handler.FailNext(1, Fault.GrpcUnavailable);
        var requestId = "retried-upload-" + Guid.NewGuid();
        var progress = new RecordingProgress();

        var response = await client.UploadFiguresAsync(requestId,
            [Figures.UploadBatch("654004", "2020", Figures.Figure("GDP", 50m, "亿元")), Figures.UploadBatch("654021", "2020", Figures.Figure("GDP", 60m, "亿元"))],
            progress: progress);

        Assert.Equal(2, handler.Attempts);
        Assert.Equal(2, response.Summary.Created);
        Assert.Equal(2, progress.Reports[^1]);
        Assert.Equal(requestId, Assert.Single(await client.GetFigureHistoryAsync("654021", "2020", "GDP")).RequestId);
    }

    [Fact]
    public async Task An_upload_still_unavailable_after_every_attempt_throws_service_unavailable()
    {
        var (client, handler) = Create(options => options.MaxAttempts = 3);
        using var owned = client;
        handler.FailNext(int.MaxValue, Fault.GrpcUnavailable);

        var error = await Assert.ThrowsAsync<ServiceUnavailableException>(() =>
            client.UploadFiguresAsync("", [Figures.UploadBatch("654022", "2020", Figures.Figure("GDP", 1m, "亿元"))]));

        Assert.Equal(3, handler.Attempts);
        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.Equal("UploadFigures", error.Method);
    }

    [Fact]
    public async Task After_consecutive_failures_the_circuit_opens_and_calls_fail_fast_until_the_service_answers_again()
    {
        var (client, handler) = Create(options =>
        {
            options.MaxAttempts = 2;
            options.CircuitBreakerFailures = 3;
            options.CircuitBreakDuration = TimeSpan.FromMilliseconds(500);
        });
        using var owned = client;
        await client.ListAllIndicatorsAsync();
        handler.FailNext(0, Fault.GrpcUnavailable);
        handler.FailAll = true;

        for (var i = 0; i < 3; i++)
        {
            var failed = await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ListAllIndicatorsAsync());
            Assert.IsType<RpcException>(failed.InnerException);
            Assert.False(failed.CircuitOpen);
        }
        Assert.Equal(6, handler.Attempts);

        var fast = await Assert.ThrowsAsync<ServiceUnavailableException>(() =>
            client.SubmitFiguresAsync(Figures.Batch("654023", "2020", Figures.Figure("GDP", 1m, "亿元"))));

        Assert.IsType<BrokenCircuitException>(fast.InnerException, exactMatch: false);
        Assert.True(fast.CircuitOpen);
        Assert.Equal(6, handler.Attempts);

        handler.FailAll = false;
        await Task.Delay(TimeSpan.FromMilliseconds(700));
        Assert.Equal(44, (await client.ListAllIndicatorsAsync()).Count);
        Assert.Equal(1, (await client.SubmitFiguresAsync(Figures.Batch("654023", "2020", Figures.Figure("GDP", 1m, "亿元")))).Summary.Created);
    }

    [Fact]
    public async Task Every_call_carries_the_bearer_token_and_unary_calls_a_deadline()
    {
        var token = suite.Issue("ili-analyst", IndicatorExchange.ServiceDefaults.Security.Identity.Roles.PrefectureAnalyst, "654000");
        var (client, handler) = Create(options =>
        {
            options.BearerToken = token;
            options.Deadline = TimeSpan.FromSeconds(7);
        });
        using var owned = client;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(20));

        await client.ListAllIndicatorsAsync(stop.Token);
        await client.Indicators.GetIndicatorAsync(new GetIndicatorRequest { Code = "GDP" }, cancellationToken: stop.Token);
        await foreach (var summary in client.WatchSummaryAsync(new() { OrgUnit = "654000", Period = "2024" }, stop.Token))
        {
            break;
        }

        var requests = handler.Requests.ToList();
        Assert.Equal(3, requests.Count);
        Assert.All(requests, r => Assert.Equal($"Bearer {token}", r.Headers.Authorization?.ToString()));
        var unary = requests.Where(r => !r.Path.EndsWith("/WatchSummary", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, unary.Count);
        Assert.All(unary, r =>
        {
            var timeout = Assert.Single(r.Headers.GetValues("grpc-timeout"));
            Assert.InRange(Timeout(timeout), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(7));
        });
        Assert.False(requests.Single(r => r.Path.EndsWith("/WatchSummary", StringComparison.Ordinal)).Headers.Contains("grpc-timeout"));
    }

    [Fact]
    public async Task A_raw_submission_gets_a_request_id_so_the_channel_retries_it_safely()
    {
        var (client, handler) = Create();
        using var owned = client;
        await client.ListAllIndicatorsAsync();
        handler.FailNext(1, Fault.Http503);
        var request = Figures.Batch("654024", "2020", Figures.Figure("GDP", 70m, "亿元"));

        await client.Indicators.SubmitFiguresAsync(request);

        Assert.True(Guid.TryParse(request.RequestId, out _));
        Assert.Equal(2, handler.Attempts);
        Assert.Equal(request.RequestId, Assert.Single(await client.GetFigureHistoryAsync("654024", "2020", "GDP")).RequestId);
    }

    private (IndicatorExchangeClient Client, FaultInjectingHandler Handler) Create(Action<IndicatorExchangeClientOptions>? configure = null)
    {
        FaultInjectingHandler? handler = null;
        var options = Suite.Options(suite, inner => handler = new FaultInjectingHandler(inner));
        configure?.Invoke(options);
        var client = new IndicatorExchangeClient(options);
        Assert.NotNull(handler);
        return (client, handler);
    }

    /// <summary>Reads a grpc-timeout header ("6999m", "7S", …).</summary>
    private static TimeSpan Timeout(string value)
    {
        var amount = long.Parse(value[..^1], System.Globalization.CultureInfo.InvariantCulture);
        return value[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            _ => TimeSpan.FromTicks(amount / 100),
        };
    }
}
