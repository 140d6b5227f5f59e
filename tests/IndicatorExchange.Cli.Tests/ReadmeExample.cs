namespace IndicatorExchange.Cli.Tests;

/// <summary>
/// An ixc command line of a README: its arguments, the token file in force (<c>export IXC_TOKEN_FILE=…</c> above it, or
/// its own --token-file), the file its output is redirected to (<c>&gt; FILE</c>), and its line for messages.
/// </summary>
public sealed record ReadmeExample(string Line, IReadOnlyList<string> Args, string? TokenFile, string? Redirect)
{
    private const string DotnetRun = "dotnet run --project clients/IndicatorExchange.Cli -- ";

    /// <summary>
    /// The ixc lines of the README's bash blocks (<c>ixc …</c>, or <c>dotnet run --project clients/IndicatorExchange.Cli -- …</c>),
    /// without their comments; <c>--help</c> and <c>--watch</c> (which runs until Ctrl+C) are left out.
    /// </summary>
    public static List<ReadmeExample> Parse(string markdown)
    {
        var examples = new List<ReadmeExample>();
        string? tokenFile = null;
        var inBash = false;
        foreach (var raw in markdown.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inBash = !inBash && line == "```bash";
                continue;
            }
            if (!inBash)
            {
                continue;
            }
            var comment = line.IndexOf(" #", StringComparison.Ordinal);
            var command = (comment >= 0 ? line[..comment] : line).Trim();
            if (command.StartsWith("export IXC_TOKEN_FILE=", StringComparison.Ordinal))
            {
                tokenFile = command["export IXC_TOKEN_FILE=".Length..];
                continue;
            }
            var rest = command.StartsWith("ixc ", StringComparison.Ordinal) ? command[4..]
                : command.StartsWith(DotnetRun, StringComparison.Ordinal) ? command[DotnetRun.Length..]
                : null;
            if (rest is null || rest.Contains("--watch", StringComparison.Ordinal) || rest.Contains("--help", StringComparison.Ordinal))
            {
                continue;
            }
            string? redirect = null;
            var arrow = rest.IndexOf(" > ", StringComparison.Ordinal);
            if (arrow >= 0)
            {
                redirect = rest[(arrow + 3)..].Trim();
                rest = rest[..arrow];
            }
            var args = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
            var own = args.IndexOf("--token-file");
            examples.Add(new ReadmeExample(line, args, own >= 0 ? args[own + 1] : tokenFile, redirect));
        }
        return examples;
    }

    public override string ToString() => Line;
}
