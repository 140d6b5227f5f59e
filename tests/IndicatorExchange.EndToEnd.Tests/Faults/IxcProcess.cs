using System.Diagnostics;
using System.Text;
using IndicatorExchange.Testing;

namespace IndicatorExchange.EndToEnd.Tests.Faults;

/// <summary>The built <c>ixc</c> executable run as a process of its own, so that a test can kill it (SIGKILL) mid-command.</summary>
public sealed class IxcProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private IxcProcess(Process process) => _process = process;

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public static IxcProcess Start(string address, string token, string outbox, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(ExecutablePath());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add("--address");
        start.ArgumentList.Add(address);
        start.ArgumentList.Add("--outbox");
        start.ArgumentList.Add(outbox);
        start.Environment["IXC_TOKEN"] = token;
        var ixc = new IxcProcess(Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start"));
        ixc._process.OutputDataReceived += (_, e) => ixc.Append(e.Data);
        ixc._process.ErrorDataReceived += (_, e) => ixc.Append(e.Data);
        ixc._process.BeginOutputReadLine();
        ixc._process.BeginErrorReadLine();
        return ixc;
    }

    /// <summary>Runs a command to its end (at most two minutes) and gives its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string address, string token, string outbox, params string[] arguments)
    {
        await using var ixc = Start(address, token, outbox, arguments);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await ixc._process.WaitForExitAsync(timeout.Token);
        ixc._process.WaitForExit(); // the redirected output read to its end
        return (ixc._process.ExitCode, ixc.Output);
    }

    public bool HasExited => _process.HasExited;

    /// <summary>SIGKILL, as a laptop's battery or a killed terminal would end it.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
        _process.WaitForExit(); // the redirected output read to its end
    }

    public int ExitCode => _process.ExitCode;

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancellation.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static string ExecutablePath()
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var path = Path.Combine(SuiteProcess.RepositoryRoot(), "clients", "IndicatorExchange.Cli", "bin", configuration, "net10.0", "ixc.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("Build the solution first: ixc is missing.", path);
    }
}
