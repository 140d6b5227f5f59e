using System.Diagnostics;
using IndicatorExchange.ServiceDefaults.Security.Identity;

namespace IndicatorExchange.Cli.Tests;

/// <summary>
/// Every ixc line of the CLI's README and of the main README, run in order against a suite with the demo data as
/// shipped (2022 figures, 2023 targets), from the repository root as the READMEs say: each must exit 0, the files
/// they name must exist, and what they write must be ignored by git.
/// </summary>
public sealed class ReadmeExamplesTests : IDisposable
{
    private readonly IxcHarness _ixc = new(fullDemo: true);
    private readonly string _root = IxcHarness.RepositoryRoot();

    public void Dispose() => _ixc.Dispose();

    [Theory]
    [InlineData("clients/IndicatorExchange.Cli/README.md", 18)]
    [InlineData("README.md", 3)]
    public async Task Every_ixc_example_runs_against_the_demo_data(string readme, int atLeast)
    {
        var examples = ReadmeExample.Parse(await File.ReadAllTextAsync(Path.Combine(_root, readme)));
        Assert.True(examples.Count >= atLeast, $"{examples.Count} ixc lines in {readme}: {string.Join("\n", examples)}");

        foreach (var example in examples)
        {
            var args = example.Args.Where((_, i) => i == 0 || example.Args[i - 1] != "--token-file").Where(a => a != "--token-file").Select(Resolve).ToList();
            if (example.TokenFile is { } tokenFile)
            {
                args.AddRange(["--token-file", Token(tokenFile)]);
            }

            var run = await _ixc.RunAsync([.. args]);

            Assert.True(run.Exit == 0, $"{readme}: {example}\n{run}");
            if (example.Redirect is { } redirect)
            {
                Assert.True(IsIgnored(redirect), $"{redirect} ({example}) is not ignored by git");
                Assert.Contains(",481.81,", run.Output);
            }
            foreach (var written in example.Args.Where(a => IsFile(a) && !a.Contains('/')))
            {
                Assert.True(File.Exists(_ixc.PathOf(written)), $"{example}: {written} was not written");
                Assert.True(IsIgnored(written), $"{written} ({example}) is not ignored by git");
            }
        }
    }

    /// <summary>Files of the repository where the README names them (from its root); files the examples write in the test's folder.</summary>
    private string Resolve(string argument)
    {
        if (!IsFile(argument))
        {
            return argument;
        }
        if (!argument.Contains('/'))
        {
            return _ixc.PathOf(argument);
        }
        var path = Path.Combine(_root, argument);
        Assert.True(File.Exists(path), $"{argument} named by a README does not exist");
        return path;
    }

    private static bool IsFile(string argument) =>
        argument.EndsWith(".xlsx", StringComparison.Ordinal) || argument.EndsWith(".csv", StringComparison.Ordinal) || argument.EndsWith(".json", StringComparison.Ordinal);

    /// <summary>The demo's token files (data/tokens/county-654025.jwt, prefecture-654000.jwt, admin.jwt), issued by this suite.</summary>
    private string Token(string readmePath)
    {
        var name = Path.GetFileNameWithoutExtension(readmePath);
        var (role, orgUnit) = name switch
        {
            "admin" => (Roles.Administrator, "650000"),
            _ when name.StartsWith("prefecture-", StringComparison.Ordinal) => (Roles.PrefectureAnalyst, name["prefecture-".Length..]),
            _ when name.StartsWith("county-", StringComparison.Ordinal) => (Roles.CountyReporter, name["county-".Length..]),
            _ => throw new InvalidOperationException($"No demo token is called {readmePath}"),
        };
        var path = _ixc.PathOf(name + ".jwt");
        File.WriteAllText(path, _ixc.Issue($"readme-{name}", role, orgUnit));
        return path;
    }

    /// <summary>Whether the repository's .gitignore ignores a file of that name in the root.</summary>
    private bool IsIgnored(string name)
    {
        using var git = Process.Start(new ProcessStartInfo("git", ["check-ignore", "--no-index", "-q", name])
        {
            WorkingDirectory = _root, RedirectStandardOutput = true, RedirectStandardError = true,
        })!;
        git.WaitForExit();
        return git.ExitCode == 0;
    }
}
