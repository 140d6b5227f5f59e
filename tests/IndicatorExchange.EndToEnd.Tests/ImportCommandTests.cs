using System.Diagnostics;
using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Testing;

namespace IndicatorExchange.EndToEnd.Tests;

/// <summary>The import commands against a suite that limits how fast one subject may call it.</summary>
public sealed class ImportCommandTests : IDisposable
{
    private readonly TemporaryDirectory _temporary = new("ix-e2e-import-");

    private string _dataDirectory => _temporary.Path;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task A_tree_larger_than_the_rate_limit_allows_at_once_is_loaded_whole_by_waiting_as_the_suite_asks()
    {
        // Two calls a second after a burst of three: twelve units cannot all be created at once.
        await using var suite = await SuiteProcess.StartAsync(_dataDirectory, "--demo=reference", "--Limits:RequestsPerSecond=2", "--Limits:Burst=3");
        var tree = Path.Combine(_dataDirectory, "tree.csv");
        var counties = Enumerable.Range(1, 11).Select(i => $"6590{i:00},测试{i}县,Test County {i},county,659000");
        await File.WriteAllLinesAsync(tree, ["code,name_zh,name_en,level,parent_code", .. counties, "659000,测试州,Test Prefecture,prefecture,650000"]);

        var clock = Stopwatch.StartNew();
        var loaded = await SuiteProcess.RunCommandAsync("import-org-units", tree, $"--address={suite.Address}", $"--data-dir={_dataDirectory}");

        Assert.True(loaded.ExitCode == 0, loaded.Output);
        Assert.Contains("12 created, 0 updated", loaded.Output);
        // At two calls a second, nine calls beyond the burst of three took at least four seconds: the limit was met, not bypassed.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
        var children = await RetriedAsync(() => new IndicatorService.IndicatorServiceClient(suite.Channel)
            .ListOrgUnitsAsync(new ListOrgUnitsRequest { ParentCode = "659000", PageSize = 100 }).ResponseAsync);
        Assert.Equal(Enumerable.Range(1, 11).Select(i => $"6590{i:00}"), children.OrgUnits.Select(u => u.Code));
    }

    /// <summary>The test's own call shares the limit with the command's subject only if its token does; waits it out either way.</summary>
    private static async Task<T> RetriedAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.ResourceExhausted && attempt < 10)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }
}
