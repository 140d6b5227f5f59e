using MiniExcelLibs;

namespace IndicatorExchange.Cli.Tests;

public sealed class OutboxTests : IDisposable
{
    private readonly IxcHarness _ixc = new();

    public void Dispose() => _ixc.Dispose();

    [Fact]
    public async Task A_push_while_the_service_is_down_is_queued_and_flush_delivers_it_exactly_once()
    {
        // An earlier online call keeps the catalog, so the file's Chinese indicator names can be read offline.
        Assert.Equal(0, (await _ixc.RunAsync("catalog")).Exit);
        var file = IxcHarness.DataFile("seed-figures-2022.csv");

        var offline = await _ixc.RunAsync(IxcHarness.Offline, "push", file);

        Assert.True(offline.Exit == 3, offline.ToString());
        Assert.Contains("Queued as #1 (51 figures)", offline.Output);
        Assert.Empty(await _ixc.FiguresAsync("654002"));

        var list = await _ixc.RunAsync("outbox", "list");
        Assert.Equal(0, list.Exit);
        Assert.Contains("seed-figures-2022.csv", list.Output);
        Assert.Contains("654002 2022, 654025 2022", list.Output);
        Assert.Contains("1 upload(s) waiting", list.Output);

        var stillDown = await _ixc.RunAsync(IxcHarness.Offline, "outbox", "flush");
        Assert.True(stillDown.Exit == 3, stillDown.ToString());

        var flush = await _ixc.RunAsync("outbox", "flush");
        Assert.True(flush.Exit == 0, flush.ToString());
        Assert.Contains("#1 delivered", flush.Output);
        Assert.Contains("51 created", flush.Output);

        var again = await _ixc.RunAsync("outbox", "flush");
        Assert.True(again.Exit == 0, again.ToString());
        Assert.Contains("nothing to deliver", again.Output);
        Assert.Contains("The outbox is empty", (await _ixc.RunAsync("outbox", "list")).Output);

        var figures = (await _ixc.FiguresAsync("654002")).Concat(await _ixc.FiguresAsync("654025")).ToList();
        Assert.Equal(51, figures.Count);
        Assert.All(figures, figure => Assert.Equal(1, figure.Revision));
        var history = await _ixc.Client.GetFigureHistoryAsync("654025", "2022", "GDP");
        Assert.Equal(1, Assert.Single(history).Revision);
    }

    [Fact]
    public async Task The_next_push_delivers_what_waits_first_and_then_its_own_figures()
    {
        var first = _ixc.PathOf("q1.csv");
        await File.WriteAllTextAsync(first, "org_code,period,code,value,unit\n654025,2023Q1,GDP,30,亿元\n");
        var second = _ixc.PathOf("q2.csv");
        await File.WriteAllTextAsync(second, "org_code,period,code,value,unit\n654025,2023Q2,GDP,64,亿元\n");

        // Codes need no catalog: this works offline even before any online call.
        var queued = await _ixc.RunAsync(IxcHarness.Offline, "push", first);
        Assert.True(queued.Exit == 3, queued.ToString());

        var push = await _ixc.RunAsync("push", second);

        Assert.True(push.Exit == 0, push.ToString());
        Assert.True(push.Output.IndexOf("q1.csv", StringComparison.Ordinal) < push.Output.IndexOf("Imported q2.csv", StringComparison.Ordinal), push.Output);
        var figures = await _ixc.FiguresAsync("654025");
        Assert.Equal(["2023Q1", "2023Q2"], figures.Select(f => f.Period).Order());
        Assert.True(figures.Single(f => f.Period == "2023Q1").Sequence < figures.Single(f => f.Period == "2023Q2").Sequence);
        Assert.Contains("The outbox is empty", (await _ixc.RunAsync("outbox", "list")).Output);
    }

    [Fact]
    public async Task An_excel_push_queued_offline_keeps_its_row_numbers_for_the_service_s_answer()
    {
        var template = _ixc.PathOf("figures.xlsx");
        Assert.Equal(0, (await _ixc.RunAsync("template", "--org", "654025", "--period", "2023Q3", "-o", template)).Exit);
        var rows = MiniExcel.Query(template, useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        var trade = rows.FindIndex(r => (string?)r["指标代码 code"] == "FOREIGN_TRADE");
        rows[trade]["数值 value"] = 1920;
        rows[trade]["单位 unit"] = "万元";
        var filled = _ixc.PathOf("filled.xlsx");
        MiniExcel.SaveAs(filled, rows);
        Assert.Equal(3, (await _ixc.RunAsync(IxcHarness.Offline, "push", filled)).Exit);

        var flush = await _ixc.RunAsync("outbox", "flush");

        // Header on row 1, so the indicator at position i of the sheet is on row i + 2.
        Assert.True(flush.Exit == 1, flush.ToString());
        Assert.Contains($"row {trade + 2} FOREIGN_TRADE: UNIT_DIMENSION_MISMATCH", flush.Output);
        Assert.Contains("rejected and removed from the outbox", flush.Output);
        Assert.Contains("The outbox is empty", (await _ixc.RunAsync("outbox", "list")).Output);
    }
}
