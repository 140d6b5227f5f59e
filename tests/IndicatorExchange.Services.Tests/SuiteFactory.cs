using Grpc.Net.Client;
using IndicatorExchange.ServiceDefaults.Peers;
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

    /// <summary>A channel to the suite, once it reports SERVING (the demo targets load after the server starts).</summary>
    public GrpcChannel CreateChannel()
    {
        var channel = GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Server.CreateHandler() });
        (_serving ??= WaitUntilServingAsync(channel)).GetAwaiter().GetResult();
        return channel;
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
