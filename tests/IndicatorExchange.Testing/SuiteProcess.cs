using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace IndicatorExchange.Testing;

/// <summary>
/// The real indicatorexchange executable, started with <c>dotnet indicatorexchange.dll</c> on a free
/// loopback port, killed on dispose. Its output is kept for the failure message.
/// </summary>
public sealed class SuiteProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SuiteProcess(Process process, int port)
    {
        _process = process;
        Port = port;
        Address = $"http://127.0.0.1:{port}";
        Channel = GrpcChannel.ForAddress(Address);
    }

    public int Port { get; }

    public string Address { get; }

    public GrpcChannel Channel { get; }

    /// <summary>The id of the suite's process (the <c>dotnet</c> host that runs indicatorexchange.dll in-process).</summary>
    public int ProcessId => _process.Id;

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public static Task<SuiteProcess> StartAsync(string dataDirectory, params string[] arguments) =>
        StartAsync(dataDirectory, new Dictionary<string, string>(), arguments);

    /// <summary>Starts the executable with extra environment variables (for example <c>DOTNET_PerfMapEnabled</c> for a profiler).</summary>
    public static async Task<SuiteProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = dataDirectory,
        };
        start.ArgumentList.Add(ExecutablePath());
        start.ArgumentList.Add($"--port={port}");
        start.ArgumentList.Add($"--data-dir={dataDirectory}");
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (!arguments.Any(a => a.StartsWith("--dashboard-port", StringComparison.Ordinal)))
        {
            // Several suites run at once: no dashboard on the fixed port 5080 unless a test asks for one.
            start.ArgumentList.Add("--dashboard-port=0");
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var suite = new SuiteProcess(process, port);
        process.OutputDataReceived += (_, e) => suite.Append(e.Data);
        process.ErrorDataReceived += (_, e) => suite.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await suite.WaitUntilServingAsync();
        return suite;
    }

    /// <summary>Runs a one-off command of the executable (such as <c>rebuild</c>) to its end.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ExecutablePath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private async Task WaitUntilServingAsync()
    {
        var health = new Health.HealthClient(Channel);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"indicatorexchange exited with {_process.ExitCode}:\n{Output}");
            }
            try
            {
                var reply = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(2));
                if (reply.Status == HealthCheckResponse.Types.ServingStatus.Serving)
                {
                    return;
                }
            }
            catch (Grpc.Core.RpcException) when (DateTime.UtcNow < deadline)
            {
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"indicatorexchange did not become healthy within 60 s:\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    /// <summary>The built executable of the host project, in the same configuration as the caller.</summary>
    private static string ExecutablePath()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "IndicatorExchange.sln")))
        {
            directory = directory.Parent;
        }
        if (directory is null)
        {
            throw new InvalidOperationException("IndicatorExchange.sln not found above " + AppContext.BaseDirectory);
        }
        var path = Path.Combine(directory.FullName, "services", "IndicatorExchange.Host", "bin", configuration, "net10.0", "indicatorexchange.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: the host executable is missing.", path);
    }

    /// <summary>A loopback port free right now (for <c>--dashboard-port</c> and the like).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
