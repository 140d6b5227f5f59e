using IndicatorExchange.ServiceDefaults.Security.Identity;

namespace IndicatorExchange.Cli.Tests;

/// <summary>ixc token and ixc audit against the suite.</summary>
public sealed class TokenAndAuditTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    [Fact]
    public async Task An_administrator_issues_a_county_token_that_the_county_then_uses()
    {
        var admin = _ixc.OnlineAs(Roles.Administrator);
        var file = _ixc.PathOf("xinyuan.jwt");

        var issued = await _ixc.RunAsync(admin, "token", "issue", "--subject", "xinyuan-stats", "--role", "county", "--org-unit", "654025", "--days", "7", "-o", file);
        var whoami = await _ixc.RunAsync(_ixc.Online, "token", "whoami", "--token-file", file);
        var audit = await _ixc.RunAsync(admin, "audit", "--outcome", "ok");

        Assert.True(issued.Exit == 0, issued.Output);
        Assert.Contains("written to", issued.Output, StringComparison.Ordinal);
        Assert.True(whoami.Exit == 0, whoami.Output);
        Assert.Contains("xinyuan-stats CountyReporter org_unit=654025", whoami.Output, StringComparison.Ordinal);
        Assert.Contains("IssueToken", audit.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_county_cannot_issue_tokens()
    {
        var run = await _ixc.RunAsync("token", "issue", "--subject", "me", "--role", "admin", "--org-unit", "650000");

        Assert.NotEqual(0, run.Exit);
        Assert.Contains("PERMISSION_DENIED", run.Output.ToUpperInvariant().Replace("PERMISSIONDENIED", "PERMISSION_DENIED"), StringComparison.Ordinal);
    }
}
