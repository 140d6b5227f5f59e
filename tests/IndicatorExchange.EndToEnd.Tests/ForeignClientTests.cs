using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.Testing;
using Xunit.Abstractions;

namespace IndicatorExchange.EndToEnd.Tests;

/// <summary>
/// The examples under clients/examples/, clients generated in other languages from the .proto files, against the real
/// executable: Yining pushes its 2022 figures with the Python example, Xinyuan with the Node.js one, and each prints the
/// prefecture's summary. Skipped (with the reason) where Debian's python3 lacks grpc/grpc_tools or node or the example's
/// node_modules are absent; .ci/run installs them.
/// </summary>
public sealed class ForeignClientTests(ITestOutputHelper output, SkipReasons skips) : IDisposable, IClassFixture<SkipReasons>
{
    private const string SystemPython = "/usr/bin/python3";
    private const string Prefecture = "654000";
    private const string Yining = "654002";
    private const string Xinyuan = "654025";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(2);

    private readonly TemporaryDirectory _temporary = new("ix-foreign-");

    private string _dataDirectory => _temporary.Path;

    public void Dispose() => _temporary.Dispose();

    [SkippableFact]
    public async Task Python_and_node_examples_push_two_counties_and_print_the_prefecture_summary()
    {
        var root = SuiteProcess.RepositoryRoot();
        var pythonScript = Path.Combine(root, "clients", "examples", "python", "push_and_summarise.py");
        var nodeFolder = Path.Combine(root, "clients", "examples", "node");
        var pythonMissing = await PythonMissingAsync(root);
        skips.SkipUnless(pythonMissing is null, $"python: {pythonMissing}");
        var nodeMissing = await NodeMissingAsync(root, nodeFolder);
        skips.SkipUnless(nodeMissing is null, $"node: {nodeMissing}");

        await using var suite = await SuiteProcess.StartAsync(_dataDirectory, "--demo=reference");
        var figures = Path.Combine(AppContext.BaseDirectory, "Data", "seed-figures-2022.csv");
        string[] common = ["--address", $"127.0.0.1:{suite.Port}", "--figures", figures, "--summary-org", Prefecture, "--period", "2022",
            "--summary-token", suite.Issue("ili-analyst", Roles.PrefectureAnalyst, Prefecture)];

        var python = await RunAsync(root, SystemPython, [pythonScript, "--org", Yining, "--token", suite.Issue("yining", Roles.CountyReporter, Yining), .. common]);
        AssertSucceeded("Python example", python, suite);
        Assert.Contains($"submitted org={Yining} period=2022 figures=27 created=27 ", python.Output);
        var gdpAfterYining = Line(python.Output, "GDP");
        Assert.Contains("total=348.2 ", gdpAfterYining);
        Assert.Contains("growth_pct=0.6 ", gdpAfterYining);
        Assert.Contains("reported=1/11 ", gdpAfterYining);
        Assert.Contains("missing=654003,654004,654021,654022,654023,654024,654025,654026,654027,654028 ", gdpAfterYining);

        var node = await RunAsync(root, "node", [Path.Combine(nodeFolder, "push_and_summarise.js"), "--org", Xinyuan, "--token", suite.Issue("xinyuan", Roles.CountyReporter, Xinyuan), .. common]);
        AssertSucceeded("Node example", node, suite);
        Assert.Contains($"submitted org={Xinyuan} period=2022 figures=24 created=24 ", node.Output);
        var gdp = Line(node.Output, "GDP");
        Assert.Contains("total=481.81 ", gdp);
        Assert.Contains("unit=亿元 ", gdp);
        Assert.Contains("growth_pct=1.25", gdp);
        Assert.Contains("reported=2/11 ", gdp);
        Assert.Contains("partial=true ", gdp);
        var missing = Field(gdp, "missing").Split(',');
        Assert.Equal(9, missing.Length);
        Assert.Equal(["654003", "654004", "654021", "654022", "654023", "654024", "654026", "654027", "654028"], missing);
        Assert.Contains("total=7.592 ", Line(node.Output, "FOREIGN_TRADE"));
    }

    [SkippableFact]
    public async Task Python_example_reports_a_rejected_batch_with_its_status_code_and_field_violations()
    {
        var root = SuiteProcess.RepositoryRoot();
        var pythonMissing = await PythonMissingAsync(root);
        skips.SkipUnless(pythonMissing is null, $"python: {pythonMissing}");

        await using var suite = await SuiteProcess.StartAsync(_dataDirectory, "--demo=reference");
        var figures = Path.Combine(_dataDirectory, "bad-figures.csv");
        await File.WriteAllTextAsync(figures,
            "org_code,indicator_name_zh,period,value,unit,yoy_growth_pct,status,remark\n" +
            "654021,地区生产总值,2022,100,美元,,estimated,\n", new UTF8Encoding(false));

        var python = await RunAsync(root, SystemPython,
            [Path.Combine(root, "clients", "examples", "python", "push_and_summarise.py"), "--address", $"127.0.0.1:{suite.Port}", "--figures", figures, "--org", "654021",
             "--token", suite.Issue("654021-stats", Roles.CountyReporter, "654021")]);

        Assert.True(python.ExitCode == 1, $"expected exit code 1, got {python.ExitCode}:\n{python.Output}");
        Assert.Contains("error: SubmitFigures failed: INVALID_ARGUMENT (3): ", python.Output);
        Assert.Contains("field_violation figures[0].quantity.unit UNIT_DIMENSION_MISMATCH: ", python.Output);
    }

    [SkippableFact]
    public async Task The_readme_commands_run_as_written_against_the_demo_suite()
    {
        var root = SuiteProcess.RepositoryRoot();
        var pythonMissing = await PythonMissingAsync(root);
        skips.SkipUnless(pythonMissing is null, $"python: {pythonMissing}");
        var nodeMissing = await NodeMissingAsync(root, Path.Combine(root, "clients", "examples", "node"));
        skips.SkipUnless(nodeMissing is null, $"node: {nodeMissing}");
        var commands = ReadmeCommands(await File.ReadAllTextAsync(Path.Combine(root, "clients", "examples", "README.md")));

        // The suite as the README starts it, on this test's port and folder instead of 5100 and its --data-dir.
        var server = commands.Single(c => c.Contains("services/IndicatorExchange.Host --", StringComparison.Ordinal));
        var serverArguments = server[(server.IndexOf(" -- ", StringComparison.Ordinal) + 4)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var readmeDataDirectory = serverArguments.Single(a => a.StartsWith("--data-dir=", StringComparison.Ordinal))["--data-dir=".Length..];
        await using var suite = await SuiteProcess.StartAsync(_dataDirectory, [.. serverArguments.Where(a => !a.StartsWith("--data-dir", StringComparison.Ordinal))]);

        var clients = commands.Where(c => c.Contains("push_and_summarise.", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, clients.Count);
        var outputs = new List<string>();
        foreach (var command in clients)
        {
            var local = command.Replace(readmeDataDirectory, _dataDirectory, StringComparison.Ordinal)
                .Replace("127.0.0.1:5100", $"127.0.0.1:{suite.Port}", StringComparison.Ordinal);
            var run = await RunAsync(root, "bash", ["-c", local]);
            AssertSucceeded(command, run, suite);
            outputs.Add(run.Output);
        }
        Assert.Contains($"submitted org={Yining} period=2022 figures=27 created=27 ", outputs[0]);
        Assert.Contains($"submitted org={Xinyuan} period=2022 figures=24 created=24 ", outputs[1]);
        Assert.Contains("total=481.81 ", Line(outputs[1], "GDP"));
    }

    /// <summary>The commands of the README's "Running them" section, one per logical line (continuation lines joined).</summary>
    private static List<string> ReadmeCommands(string readme)
    {
        var section = readme[readme.IndexOf("## Running them", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 3, StringComparison.Ordinal)];
        var commands = new List<string>();
        var inBlock = false;
        var current = "";
        foreach (var line in section.Split('\n').Select(l => l.TrimEnd('\r')))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBlock = line == "```bash";
                continue;
            }
            if (!inBlock)
            {
                continue;
            }
            current += line.TrimEnd('\\').Trim() + " ";
            if (!line.EndsWith('\\'))
            {
                commands.Add(current.Trim());
                current = "";
            }
        }
        return commands;
    }

    /// <summary>Why Debian's python3 cannot run the Python example, or null when it can.</summary>
    private static async Task<string?> PythonMissingAsync(string root)
    {
        if (!File.Exists(SystemPython))
        {
            return $"{SystemPython} not found (apt-get install python3-grpcio python3-grpc-tools)";
        }
        var probe = await RunAsync(root, SystemPython, ["-c", "import grpc, grpc_tools"]);
        return probe.ExitCode == 0
            ? null
            : $"{SystemPython} cannot import grpc, grpc_tools (apt-get install python3-grpcio python3-grpc-tools): {probe.Output.Trim()}";
    }

    /// <summary>Why node cannot run the Node.js example, or null when it can.</summary>
    private static async Task<string?> NodeMissingAsync(string root, string nodeFolder)
    {
        var probe = await RunAsync(root, "node", ["--version"]);
        if (probe.ExitCode != 0)
        {
            return $"node is not available: {probe.Output.Trim()}";
        }
        foreach (var package in new[] { "@grpc/grpc-js", "@grpc/proto-loader" })
        {
            if (!File.Exists(Path.Combine(nodeFolder, "node_modules", package, "package.json")))
            {
                return $"{package} is not installed in {nodeFolder}/node_modules (run npm ci there)";
            }
        }
        return null;
    }

    private void AssertSucceeded(string what, (int ExitCode, string Output) result, SuiteProcess suite)
    {
        output.WriteLine($"--- {what} (exit code {result.ExitCode}) ---\n{result.Output}");
        Assert.True(result.ExitCode == 0, $"{what} exited with {result.ExitCode}:\n{result.Output}\n--- suite ---\n{suite.Output}");
    }

    /// <summary>The summary line of an indicator: "CODE total=... ".</summary>
    private static string Line(string scriptOutput, string indicator)
    {
        var lines = scriptOutput.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith(indicator + " total=", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count == 1, $"expected one summary line for {indicator}, found {lines.Count}:\n{scriptOutput}");
        return lines[0];
    }

    /// <summary>The value of one "name=value" field of a summary line.</summary>
    private static string Field(string line, string name) =>
        line.Split(' ').Single(part => part.StartsWith(name + "=", StringComparison.Ordinal))[(name.Length + 1)..];

    /// <summary>Runs a program from the repository root to its end, with stdout and stderr together; exit code -1 when it cannot start.</summary>
    private static async Task<(int ExitCode, string Output)> RunAsync(string root, string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PYTHONIOENCODING"] = "utf-8";
        start.Environment["PYTHONDONTWRITEBYTECODE"] = "1";
        Process? process;
        try
        {
            process = Process.Start(start);
        }
        catch (Win32Exception exception)
        {
            return (-1, $"{fileName} could not be started: {exception.Message}");
        }
        if (process is null)
        {
            return (-1, $"{fileName} could not be started");
        }
        using (process)
        {
            var text = new StringBuilder();
            process.OutputDataReceived += (_, e) => Append(text, e.Data);
            process.ErrorDataReceived += (_, e) => Append(text, e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = new CancellationTokenSource(ScriptTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return (-1, $"{fileName} did not finish within {ScriptTimeout.TotalSeconds:0} s:\n{Snapshot(text)}");
            }
            process.WaitForExit(); // drains the redirected streams
            return (process.ExitCode, Snapshot(text));
        }
    }

    private static void Append(StringBuilder text, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (text)
        {
            text.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder text)
    {
        lock (text)
        {
            return text.ToString();
        }
    }
}
