using System.IO.Compression;
using System.Xml.Linq;
using IndicatorExchange.Dashboard.Export;
using IndicatorExchange.Dashboard.Model;
using MiniExcelLibs;
using static IndicatorExchange.Dashboard.Tests.FakeSummaries;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>The Excel export: the page's layout, numbers as numbers with the indicator's precision, marks in their own columns.</summary>
public sealed class SummaryWorkbookTests
{
    private static readonly XNamespace Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static async Task<MemoryStream> WriteAsync(SummaryTable table)
    {
        var stream = new MemoryStream();
        await SummaryWorkbook.WriteAsync(stream, table);
        stream.Position = 0;
        return stream;
    }

    private static List<List<object?>> Read(Stream stream) =>
        stream.Query(useHeaderRow: false).Cast<IDictionary<string, object?>>().Select(r => r.Values.ToList()).ToList();

    private static XDocument Part(Stream stream, string path)
    {
        stream.Position = 0;
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        using var entry = zip.GetEntry(path)!.Open();
        return XDocument.Load(entry);
    }

    /// <summary>The number format code of a cell ("0.00"), through its style index and the styles part.</summary>
    private static string? FormatOf(Stream stream, string reference)
    {
        var cell = Part(stream, "xl/worksheets/sheet1.xml").Descendants(Main + "c").Single(c => (string?)c.Attribute("r") == reference);
        var styles = Part(stream, "xl/styles.xml");
        var xf = styles.Descendants(Main + "cellXfs").Single().Elements(Main + "xf").ElementAt((int?)cell.Attribute("s") ?? 0);
        var id = (string?)xf.Attribute("numFmtId");
        return styles.Descendants(Main + "numFmt").SingleOrDefault(f => (string?)f.Attribute("numFmtId") == id)?.Attribute("formatCode")?.Value;
    }

    [Fact]
    public async Task Values_growth_and_shares_are_numeric_cells_with_the_precision_as_number_format()
    {
        using var stream = await WriteAsync(Table(Summary(Gdp(), Tourists())));

        var rows = Read(stream);
        var gdp = rows[2];
        Assert.Equal("地区生产总值", gdp[0]);
        Assert.Equal("亿元", gdp[1]);
        Assert.Equal(481.81m, Convert.ToDecimal(gdp[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1.25m, Convert.ToDecimal(gdp[4], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(348.2m, Convert.ToDecimal(gdp[6], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(72.27m, Convert.ToDecimal(gdp[9], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.00", FormatOf(stream, "C3"));
        Assert.Equal("0.00", FormatOf(stream, "G3"));
        // Tourist visits have one decimal place in the catalog.
        Assert.Equal(1500m, Convert.ToDecimal(rows[3][2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.0", FormatOf(stream, "C4"));
        Assert.Equal("0.00", FormatOf(stream, "E3"));
    }

    [Fact]
    public async Task Marks_are_in_columns_of_their_own_beside_the_numbers()
    {
        var table = Table();
        using var stream = await WriteAsync(table);

        var rows = Read(stream);
        var gdp = rows[2];
        // Total, then its mark; each county: value, marks, growth, share, rank, target.
        Assert.Equal("不完整", gdp[3]);
        Assert.Equal("预计", gdp[7]);
        Assert.Equal("1/2", gdp[10]);
        Assert.Null(gdp[12]);
        Assert.Equal("未报送", gdp[13]);
        Assert.Equal(133.61m, Convert.ToDecimal(gdp[18], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("待核、迟报", gdp[19]);
        Assert.Equal(table.Rows[0].Notes, gdp[^1]);
    }

    [Fact]
    public async Task County_names_are_merged_over_their_columns_as_on_the_page()
    {
        var table = Table();
        using var stream = await WriteAsync(table);

        var rows = Read(stream);
        Assert.Equal(["指标", "单位", "州直合计", "标记", "增长%", "目标", "伊宁市"], rows[0].Take(7).Select(c => c?.ToString()));
        Assert.Equal(["数值", "标记", "增长%", "占比%", "排名(总量/增速)", "目标"], rows[1].Skip(6).Take(6).Select(c => c?.ToString()));
        var merges = Part(stream, "xl/worksheets/sheet1.xml").Descendants(Main + "mergeCell").Select(m => m.Attribute("ref")!.Value).ToList();
        Assert.Contains("A1:A2", merges);
        Assert.Contains("G1:L1", merges);
        Assert.Contains("M1:R1", merges);
        Assert.Contains("S1:X1", merges);
        Assert.Contains("Y1:Y2", merges);
    }

    [Fact]
    public async Task English_export_has_english_labels_and_units()
    {
        using var stream = await WriteAsync(Table(Summary(Gdp(), Tourists()), UiText.English));

        var rows = Read(stream);
        Assert.Equal("Gross regional product", rows[2][0]);
        Assert.Equal("100 million yuan", rows[2][1]);
        Assert.Equal("10,000 person-times", rows[3][1]);
        Assert.Equal("partial", rows[2][3]);
    }
}
