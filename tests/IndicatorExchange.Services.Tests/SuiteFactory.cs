using Grpc.Core;
using Grpc.Net.Client;
using IndicatorExchange.Access.Tokens;
using IndicatorExchange.ServiceDefaults.Peers;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Policies;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Services.Tests;

/// <summary>
/// The all-in-one host on a TestServer with its own temporary data folder. The aggregation service
/// reaches the indicator service through the same TestServer, over gRPC, as it would over the network.
/// </summary>
public class SuiteFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "ix-tests-" + Guid.NewGuid().ToString("N"));

    /// <summary>The --demo value: "true" (everything) by default.</summary>
    protected virtual string Demo => "true";

    private Task? _serving;

    /// <summary>The per-subject rate limit; off (0) unless a test measures it.</summary>
    protected virtual int RequestsPerSecond => 0;

    /// <summary>Further configuration of a derived factory.</summary>
    protected virtual IEnumerable<(string Key, string Value)> ExtraSettings => [];

    /// <summary>The org unit tokens of the default channel are scoped to: the root of the demo tree.</summary>
    public const string RootOrgUnit = "650000";

    /// <summary>
    /// A channel to the suite, once it reports SERVING (the demo targets load after the server starts). Each
    /// call carries a real token, signed with the suite's key, for a role the method's policy admits: an
    /// administrator where allowed, otherwise a reporter or analyst scoped to the root of the tree.
    /// </summary>
    public GrpcChannel CreateChannel() => CreateChannel(CallCredentials.FromInterceptor((context, metadata) =>
    {
        var method = $"/{context.ServiceUrl[(context.ServiceUrl.LastIndexOf('/') + 1)..]}/{context.MethodName}";
        metadata.Add("authorization", $"Bearer {TokenFor(method)}");
        return Task.CompletedTask;
    }));

    /// <summary>A channel whose calls all carry this token (or none, for null).</summary>
    public GrpcChannel CreateChannel(string? token) => CreateChannel(token is null ? null : CallCredentials.FromInterceptor((_, metadata) =>
    {
        metadata.Add("authorization", $"Bearer {token}");
        return Task.CompletedTask;
    }));

    /// <summary>A channel carrying a token for this role and org unit.</summary>
    public GrpcChannel CreateChannel(string role, string orgUnit, string subject = "test") =>
        CreateChannel(Issue(subject, role, orgUnit));

    /// <summary>A token signed with the suite's active key.</summary>
    public string Issue(string subject, string role, string orgUnit, TimeSpan? lifetime = null) =>
        Services.GetRequiredService<TokenIssuer>().Issue(subject, role, orgUnit, lifetime).Token;

    private GrpcChannel CreateChannel(CallCredentials? credentials)
    {
        var channel = GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions
        {
            HttpHandler = Server.CreateHandler(),
            Credentials = credentials is null ? ChannelCredentials.Insecure : ChannelCredentials.Create(ChannelCredentials.Insecure, credentials),
            UnsafeUseInsecureChannelCallCredentials = true,
        });
        (_serving ??= WaitUntilServingAsync(channel)).GetAwaiter().GetResult();
        return channel;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> _tokens = new();

    private string TokenFor(string method)
    {
        var policy = Services.GetRequiredService<RpcPolicyRegistry>().Find(method);
        var role = policy is null ? Roles.Administrator
            : new[] { Roles.Administrator, Roles.CountyReporter, Roles.PrefectureAnalyst, Roles.Service }.FirstOrDefault(policy.Roles.Contains) ?? Roles.Administrator;
        return _tokens.GetOrAdd(role, r => Issue($"test-{r}", r, RootOrgUnit));
    }

    private static async Task WaitUntilServingAsync(GrpcChannel channel)
    {
        var health = new global::Grpc.Health.V1.Health.HealthClient(channel);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await health.CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest())).Status != global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The suite did not report SERVING within 60 s.");
            }
            await Task.Delay(50);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Target", "all");
        builder.UseSetting("DataDirectory", _dataDirectory);
        builder.UseSetting("Demo", Demo);
        builder.UseSetting("Security:SigningKeys:0:Id", TestKeys.KeyId);
        builder.UseSetting("Security:SigningKeys:0:Secret", TestKeys.Secret);
        builder.UseSetting("Limits:RequestsPerSecond", RequestsPerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in ExtraSettings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureServices(services =>
            services.AddSingleton<IConfigureOptions<PeerOptions>>(sp => new ConfigureOptions<PeerOptions>(options =>
                options.HandlerFactory = () => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler())));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp folder.
        }
    }
}

/// <summary>The suite with only the demo org units and catalog: tests submit every figure themselves.</summary>
public sealed class ReferenceOnlySuiteFactory : SuiteFactory
{
    protected override string Demo => "reference";
}
