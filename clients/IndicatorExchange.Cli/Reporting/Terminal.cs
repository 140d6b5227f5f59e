using Spectre.Console;

namespace IndicatorExchange.Cli.Reporting;

/// <summary>
/// Where ixc writes: tables through Spectre.Console, plain lines (messages, CSV, JSON) straight to the writer so
/// that nothing is wrapped, errors to the error writer. Interactive only on a real terminal.
/// </summary>
public sealed class Terminal
{
    private Terminal(IAnsiConsole console, TextWriter output, TextWriter error, bool interactive)
    {
        Console = console;
        Output = output;
        Error = error;
        Interactive = interactive;
    }

    /// <summary>For tables and progress bars.</summary>
    public IAnsiConsole Console { get; }

    /// <summary>For plain lines: messages, CSV and JSON.</summary>
    public TextWriter Output { get; }

    /// <summary>For errors.</summary>
    public TextWriter Error { get; }

    /// <summary>True on a terminal a person watches: progress bars, screen refreshes.</summary>
    public bool Interactive { get; }

    public static Terminal ForProcessConsole()
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(System.Console.Out) });
        var interactive = !System.Console.IsOutputRedirected && console.Profile.Capabilities.Interactive;
        if (System.Console.IsOutputRedirected)
        {
            // Into a file or a pipe: no terminal width to respect, and 80 columns would wrap every table.
            console.Profile.Width = WideWidth;
        }
        return new Terminal(console, System.Console.Out, System.Console.Error, interactive);
    }

    /// <summary>Captured output (tests, embedding): no colours, no animation, wide enough for the tables.</summary>
    public static Terminal ForWriters(TextWriter output, TextWriter error)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = WideWidth;
        return new Terminal(console, output, error, interactive: false);
    }

    private const int WideWidth = 240;

    public void Line(string text = "") => Output.WriteLine(text);

    public void Fail(string text) => Error.WriteLine(text);
}
