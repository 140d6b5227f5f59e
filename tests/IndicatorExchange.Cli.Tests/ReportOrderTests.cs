using System.Text.Json;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using MiniExcelLibs;

namespace IndicatorExchange.Cli.Tests;

/// <summary>
/// summary, template and targets list follow the catalog's report order (GDP first; Indicator.report_order), and -i A B the
/// order given; summaries and targets come from the services by code.
/// </summary>
public sealed class ReportOrderTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    [Fact]
    public async Task Summary_rows_follow_the_report_order_or_the_order_given_with_i()
    {
        var push = await _ixc.RunAsync("push", IxcHarness.DataFile("seed-figures-2022.csv"));
        Assert.True(push.Exit == 0, push.ToString());
        var wait = IxcHarness.SequenceIn(push.Output).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var all = await _ixc.RunAsync("summary", "--org", "654000", "--period", "2022", "--format", "json", "--wait-sequence", wait);
        var given = await _ixc.RunAsync("summary", "--org", "654000", "--period", "2022", "-i", "TOURIST_VISITS", "gdp", "FOREIGN_TRADE", "--format", "json");

        var codes = Codes(all.Output);
        var catalog = (await _ixc.Client.ListAllIndicatorsAsync(CancellationToken.None)).Select(i => i.Code).ToList();
        Assert.Equal("GDP", codes[0]);
        Assert.Equal(catalog.Where(codes.Contains), codes);
        Assert.True(codes.IndexOf("FIXED_ASSET_INVESTMENT") < codes.IndexOf("CROP_SOWN_AREA"), string.Join(" ", codes));
        Assert.Equal(["TOURIST_VISITS", "GDP", "FOREIGN_TRADE"], Codes(given.Output));
    }

    [Fact]
    public async Task Summary_follows_the_catalogs_report_order_when_an_administrator_changes_it()
    {
        var push = await _ixc.RunAsync("push", IxcHarness.DataFile("seed-figures-2022.csv"));
        Assert.True(push.Exit == 0, push.ToString());
        var wait = IxcHarness.SequenceIn(push.Output).ToString(System.Globalization.CultureInfo.InvariantCulture);
        using (var admin = new IndicatorExchange.Client.IndicatorExchangeClient(_ixc.OnlineAs(Roles.Administrator)))
        {
            // GDP moved after every indicator of the demo catalog (FOREST_COVERAGE is the 44th).
            await admin.Indicators.UpdateIndicatorAsync(new IndicatorExchange.Contracts.Indicator.V1.UpdateIndicatorRequest
            {
                Indicator = new IndicatorExchange.Contracts.Indicator.V1.Indicator { Code = "GDP", ReportOrder = 45 },
                UpdateMask = new Google.Protobuf.WellKnownTypes.FieldMask { Paths = { "report_order" } },
            });
        }

        var all = await _ixc.RunAsync("summary", "--org", "654000", "--period", "2022", "--format", "json", "--wait-sequence", wait);

        var codes = Codes(all.Output);
        var catalog = (await _ixc.Client.ListAllIndicatorsAsync(CancellationToken.None)).Select(i => i.Code).ToList();
        Assert.Equal("GDP", catalog[^1]);
        Assert.Equal(catalog.Where(codes.Contains), codes);
        Assert.Equal("GDP", codes[^1]);
    }

    [Fact]
    public async Task Template_and_targets_list_follow_the_report_order()
    {
        var template = _ixc.PathOf("t.xlsx");
        Assert.Equal(0, (await _ixc.RunAsync("template", "--org", "654025", "--period", "2022", "-o", template)).Exit);
        Assert.Equal(0, (await _ixc.RunAsync(_ixc.OnlineAs(Roles.PrefectureAnalyst), "targets", "import", IxcHarness.DataFile("seed-targets-2023.csv"))).Exit);

        var list = await _ixc.RunAsync("targets", "list", "--org", "654025");

        var rows = MiniExcel.Query(template, useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => (string)r["指标代码 code"]!).ToList();
        Assert.Equal(["GDP", "INDUSTRY_VALUE_ADDED_ABOVE_SIZE", "GROSS_INDUSTRIAL_OUTPUT"], rows.Take(3));
        Assert.True(list.Exit == 0, list.ToString());
        Assert.True(list.Output.IndexOf("GDP", StringComparison.Ordinal) < list.Output.IndexOf("FIXED_ASSET_INVESTMENT", StringComparison.Ordinal), list.Output);
        Assert.True(list.Output.IndexOf("FIXED_ASSET_INVESTMENT", StringComparison.Ordinal) < list.Output.IndexOf("CROP_SOWN_AREA", StringComparison.Ordinal) ||
                    !list.Output.Contains("CROP_SOWN_AREA"), list.Output);
    }

    private static List<string> Codes(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("indicator").GetString()!).ToList();
    }
}
