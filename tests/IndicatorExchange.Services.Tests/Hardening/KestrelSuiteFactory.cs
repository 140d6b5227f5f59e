using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace IndicatorExchange.Services.Tests.Hardening;

/// <summary>
/// The indicator service on real Kestrel over loopback HTTP/2, for what a TestServer does not do: enforce the HTTP/2
/// header limits a connection is held to.
/// </summary>
public sealed class KestrelSuiteFactory : WebApplicationFactory<Program>
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "ix-kestrel-" + Guid.NewGuid().ToString("N"));

    public int Port { get; } = FreePort();

    public KestrelSuiteFactory()
    {
        UseKestrel();
        StartServer();
    }

    /// <summary>A default client (no raised limits) whose calls carry this authorization header value.</summary>
    public GrpcChannel CreateChannel(string authorization) => GrpcChannel.ForAddress($"http://127.0.0.1:{Port}", new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("authorization", authorization);
            return Task.CompletedTask;
        })),
        UnsafeUseInsecureChannelCallCredentials = true,
    });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Target", "indicator");
        builder.UseSetting("Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("DataDirectory", _dataDirectory);
        builder.UseSetting("Demo", "reference");
        builder.UseSetting("Dashboard:Port", "0");
        builder.UseSetting("Security:SigningKeys:0:Id", TestKeys.KeyId);
        builder.UseSetting("Security:SigningKeys:0:Secret", TestKeys.Secret);
        builder.UseSetting("Limits:RequestsPerSecond", "0");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
