using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;

namespace IndicatorExchange.Cli.Tests;

/// <summary><c>ixc admin …</c>: the host's admin commands (the same code), reaching the suite through ixc's options.</summary>
public sealed class AdminTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    [Fact]
    public async Task An_administrator_loads_an_org_unit_tree_and_rebuilds_the_rollups()
    {
        var admin = _ixc.OnlineAs(Roles.Administrator);
        var tree = _ixc.PathOf("tree.csv");
        await File.WriteAllTextAsync(tree, """
            code,name_zh,name_en,level,parent_code
            659001,测试一县,Test County One,county,659000
            659000,测试州,Test Prefecture,prefecture,650000
            """);

        var loaded = await _ixc.RunAsync(admin, "admin", "import-org-units", tree);
        var rebuilt = await _ixc.RunAsync(_ixc.OnlineAs(Roles.Administrator), "admin", "rebuild", "--from", "stored");

        Assert.True(loaded.Exit == 0, loaded.Output);
        Assert.Contains("2 org units from tree.csv: 2 created, 0 updated.", loaded.Output);
        var children = await _ixc.Client.Indicators.ListOrgUnitsAsync(new ListOrgUnitsRequest { ParentCode = "659000" });
        Assert.Equal(["659001"], children.OrgUnits.Select(u => u.Code));
        Assert.True(rebuilt.Exit == 0, rebuilt.Output);
        Assert.Contains("revisions replayed", rebuilt.Output);
    }

    [Fact]
    public async Task A_county_reporter_is_refused_with_exit_code_1()
    {
        var run = await _ixc.RunAsync("admin", "rebuild");

        Assert.Equal(1, run.Exit);
        Assert.Contains("Rebuild failed: PermissionDenied", run.Output);
    }

    [Fact]
    public async Task A_token_file_that_does_not_exist_is_a_usage_error_not_a_crash()
    {
        var run = await _ixc.RunAsync("admin", "rebuild", "--token-file", _ixc.PathOf("absent.jwt"));

        Assert.Equal(2, run.Exit);
        Assert.Contains("does not exist", run.Output);
        Assert.DoesNotContain("   at ", run.Output);
    }
}
