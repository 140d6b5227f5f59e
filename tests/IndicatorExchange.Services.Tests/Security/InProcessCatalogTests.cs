using System.Collections.Concurrent;
using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Peers;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IndicatorExchange.Services.Tests.Security;

/// <summary>
/// A process hosting the indicator service reads the catalog (and so a caller's scope) in-process: it never calls
/// itself over gRPC for it. The suites record every call their services make to a peer.
/// </summary>
public sealed class InProcessCatalogTests
{
    private const string IndicatorService = "/indicatorexchange.indicator.v1.IndicatorService/";
    private const string Xinyuan = "654025";
    private const string Yining = "654002";

    [Fact]
    public async Task An_indicator_only_process_checks_a_county_scope_without_calling_itself()
    {
        using var suite = new RecordingSuiteFactory("indicator");

        await AssertScopeCheckedAsync(suite);

        Assert.Empty(suite.PeerCalls);
    }

    [Fact]
    public async Task An_all_in_one_process_checks_a_county_scope_without_reading_the_catalog_over_grpc()
    {
        using var suite = new RecordingSuiteFactory("all");

        await AssertScopeCheckedAsync(suite);

        // The aggregator still follows the change feed over gRPC (so the recorder sees peer calls), never the catalog.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!suite.PeerCalls.Contains(IndicatorService + "WatchChanges") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        Assert.Contains(IndicatorService + "WatchChanges", suite.PeerCalls);
        Assert.DoesNotContain(suite.PeerCalls, path => path.StartsWith(IndicatorService, StringComparison.Ordinal) && path != IndicatorService + "WatchChanges");
        // A peer call carries the process's own service token, never a user's.
        Assert.All(suite.PeerTokens, token => Assert.Equal(Roles.Service, new JsonWebToken(token).GetPayloadValue<string>(Caller.RoleClaim)));
        Assert.NotEmpty(suite.PeerTokens);
    }

    private static async Task AssertScopeCheckedAsync(RecordingSuiteFactory suite)
    {
        var county = new IndicatorService.IndicatorServiceClient(suite.CreateChannel(Roles.CountyReporter, Xinyuan, "xinyuan-reader"));

        await county.ListFiguresAsync(new ListFiguresRequest { OrgUnit = Xinyuan, Period = "2023Q1" });
        var denied = await Assert.ThrowsAsync<RpcException>(() => county.ListFiguresAsync(new ListFiguresRequest { OrgUnit = Yining, Period = "2023Q1" }).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    private sealed class RecordingSuiteFactory(string target) : SuiteFactory
    {
        private readonly ConcurrentQueue<string> _peerCalls = new();
        private readonly ConcurrentQueue<string> _peerTokens = new();

        public IReadOnlyCollection<string> PeerCalls => _peerCalls.ToArray();

        /// <summary>The bearer tokens the peer calls carried.</summary>
        public IReadOnlyCollection<string> PeerTokens => _peerTokens.ToArray();

        protected override string Demo => "reference";

        protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Target", target)];

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IConfigureOptions<PeerOptions>>(new ConfigureOptions<PeerOptions>(options =>
            {
                var inner = options.HandlerFactory ?? throw new InvalidOperationException("The suite routes peer calls to its TestServer.");
                options.HandlerFactory = () => new Recorder(_peerCalls, _peerTokens, inner());
            })));
        }
    }

    private sealed class Recorder(ConcurrentQueue<string> calls, ConcurrentQueue<string> tokens, HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            calls.Enqueue(request.RequestUri!.AbsolutePath);
            if (request.Headers.Authorization is { Scheme: "Bearer", Parameter: { } token })
            {
                tokens.Enqueue(token);
            }
            return base.SendAsync(request, cancellationToken);
        }
    }
}
