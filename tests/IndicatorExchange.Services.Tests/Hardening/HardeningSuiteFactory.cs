using System.Collections.Concurrent;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace IndicatorExchange.Services.Tests.Hardening;

/// <summary>The suite with the demo org units and catalog only, keeping every log entry so tests can read their levels.</summary>
public sealed class HardeningSuiteFactory : SuiteFactory
{
    protected override string Demo => "reference";

    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs)));
    }
}

/// <summary>What the tests of refusals read from an error.</summary>
public static class Refusals
{
    /// <summary>
    /// The size of an error's trailers as they travel over HTTP/2 before compression: names, values (binary ones in base64)
    /// and grpc-message percent-encoded, as the gRPC C core counts them against its 8 KB default.
    /// </summary>
    public static int TrailerBytes(RpcException error) =>
        error.Trailers.Sum(entry => entry.Key.Length + 32 + (entry.IsBinary ? Convert.ToBase64String(entry.ValueBytes).Length : entry.Value.Length))
        + "grpc-message".Length + 32 + Uri.EscapeDataString(error.Status.Detail).Length
        + "grpc-status".Length + 32 + 2;

    public static async Task<RpcException> RefusedAsync<T>(Func<Task<T>> call)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        return error;
    }
}
