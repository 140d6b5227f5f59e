using System.Runtime.CompilerServices;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace IndicatorExchange.Testing;

/// <summary>
/// Skips a test whose prerequisite outside .NET (a browser, an interpreter's packages) is missing, saying why where
/// <c>dotnet test</c> shows it. xunit's VSTest adapter prints a skipped test's reason only at the console logger's
/// normal verbosity or above (the default shows a bare <c>[SKIP]</c>), so the reason also goes out as a diagnostic
/// message, which the adapter prints as a warning line at any verbosity when the test project's xunit.runner.json sets
/// <c>diagnosticMessages</c>. A class fixture (<c>IClassFixture&lt;SkipReasons&gt;</c>): xunit hands fixtures its message sink.
/// </summary>
public sealed class SkipReasons(IMessageSink diagnostics)
{
    /// <summary>Skips the calling test with <paramref name="reason"/> (the missing binary or package and the command that installs it) unless <paramref name="condition"/>.</summary>
    public void SkipUnless(bool condition, string reason, [CallerMemberName] string test = "")
    {
        if (!condition)
        {
            diagnostics.OnMessage(new DiagnosticMessage($"[SKIP] {test}: {reason}"));
        }
        Skip.IfNot(condition, reason);
    }
}
