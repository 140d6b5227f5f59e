namespace IndicatorExchange.Spreadsheets.Tests;

/// <summary>The shared .xlsx writer, checked in the XML it writes.</summary>
public sealed class XlsxWriterTests
{
    private static readonly System.Xml.Linq.XNamespace Main = WrittenWorkbook.Main;

    [Fact]
    public void A_number_is_a_numeric_cell_with_its_own_number_format()
    {
        var sheet = new XlsxSheet("s");
        sheet.Add(XlsxCell.Number(481.8100m, 2), XlsxCell.Number(1500m, 1), XlsxCell.Number(3m, 0), XlsxCell.Number(7.5m, "#,##0.000"), XlsxCell.Number(2m, null));

        var book = new WrittenWorkbook(sheet);

        var a1 = book.Cell("A1");
        Assert.Null(a1.Attribute("t"));
        Assert.Equal("481.81", a1.Element(Main + "v")!.Value);
        Assert.Equal("0.00", book.Format("A1"));
        Assert.Equal("0.0", book.Format("B1"));
        Assert.Equal("0", book.Format("C1"));
        Assert.Equal("#,##0.000", book.Format("D1"));
        Assert.Null(book.Format("E1"));
    }

    [Fact]
    public void Number_values_are_exact_and_never_exponents()
    {
        var sheet = new XlsxSheet("s");
        sheet.Add(XlsxCell.Number(0.0000001m, 2), XlsxCell.Number(-12345678901234567890.5m, 2), XlsxCell.Number(0.1920m, 3));

        var book = new WrittenWorkbook(sheet);

        Assert.Equal("0.0000001", book.Cell("A1").Value);
        Assert.Equal("-12345678901234567890.5", book.Cell("B1").Value);
        Assert.Equal("0.192", book.Cell("C1").Value);
    }

    [Fact]
    public void Cells_sharing_a_format_share_one_style_and_one_number_format()
    {
        var sheet = new XlsxSheet("s");
        sheet.Add(XlsxCell.Number(1m, 2), XlsxCell.Number(2m, 2), XlsxCell.Number(3m, "0.00"), XlsxCell.Number(4m, 1));

        var book = new WrittenWorkbook(sheet);

        Assert.Equal((string?)book.Cell("A1").Attribute("s"), (string?)book.Cell("C1").Attribute("s"));
        Assert.NotEqual((string?)book.Cell("A1").Attribute("s"), (string?)book.Cell("D1").Attribute("s"));
        var formats = book.Part("xl/styles.xml").Descendants(Main + "numFmt").Select(f => (string)f.Attribute("formatCode")!).ToList();
        Assert.Equal(["0.00", "0.0"], formats);
        Assert.All(book.Part("xl/styles.xml").Descendants(Main + "numFmt"), f => Assert.True((int)f.Attribute("numFmtId")! >= 164));
    }

    [Fact]
    public void Texts_escape_xml_specials_and_keep_chinese()
    {
        var sheet = new XlsxSheet("s");
        sheet.Add("伊宁市 <占比> & \"增长\" 'x'", XlsxCell.Text("  前后空格  "), XlsxCell.Text("一\n二"), "𠀀 ext-B");

        var book = new WrittenWorkbook(sheet);

        Assert.Equal("伊宁市 <占比> & \"增长\" 'x'", book.Text("A1"));
        Assert.Equal("  前后空格  ", book.Text("B1"));
        Assert.Equal("一\n二", book.Text("C1"));
        Assert.Equal("𠀀 ext-B", book.Text("D1"));
        Assert.Contains("&lt;占比&gt; &amp;", book.RawPart("xl/sharedStrings.xml"));
    }

    [Fact]
    public void Characters_xml_cannot_hold_are_left_out_rather_than_breaking_the_file()
    {
        var sheet = new XlsxSheet("s");
        sheet.Add("a\u0001b\u001Fc\uD800d");

        Assert.Equal("abcd", new WrittenWorkbook(sheet).Text("A1"));
    }

    [Fact]
    public void A_text_used_twice_is_stored_once()
    {
        var sheet = new XlsxSheet("s");
        sheet.Add("预计", "预计", "待核");

        var book = new WrittenWorkbook(sheet);

        var sst = book.Part("xl/sharedStrings.xml").Root!;
        Assert.Equal(("3", "2"), ((string)sst.Attribute("count")!, (string)sst.Attribute("uniqueCount")!));
        Assert.Equal(book.Cell("A1").Value, book.Cell("B1").Value);
    }

    [Fact]
    public void Empty_cells_are_left_out_and_the_others_keep_their_column()
    {
        var sheet = new XlsxSheet("s");
        sheet.Add("a", null, XlsxCell.Text(""), XlsxCell.Number(1m, 0));

        var cells = new WrittenWorkbook(sheet).Part("xl/worksheets/sheet1.xml").Descendants(Main + "c").Select(c => (string)c.Attribute("r")!);

        Assert.Equal(["A1", "D1"], cells);
    }

    [Fact]
    public void Header_cells_are_bold_and_centred()
    {
        var sheet = new XlsxSheet("s");
        sheet.Add(XlsxCell.Text("指标", header: true), "plain");

        var book = new WrittenWorkbook(sheet);

        var xfs = book.Part("xl/styles.xml").Descendants(Main + "cellXfs").Single().Elements(Main + "xf").ToList();
        var header = xfs[(int)book.Cell("A1").Attribute("s")!];
        Assert.Equal("1", (string?)header.Attribute("fontId"));
        Assert.Equal("center", (string?)header.Element(Main + "alignment")!.Attribute("horizontal"));
        Assert.Null(book.Cell("B1").Attribute("s"));
    }

    [Fact]
    public void Merged_ranges_are_written_with_a_reference_each()
    {
        var sheet = new XlsxSheet("s");
        sheet.Add(XlsxCell.Text("伊宁市", header: true));
        sheet.Merge(0, 6, 0, 11);
        sheet.Merges.Add(new XlsxRange(0, 0, 1, 0));
        sheet.Merge(0, 26, 1, 27);

        var book = new WrittenWorkbook(sheet);

        Assert.Equal(["G1:L1", "A1:A2", "AA1:AB2"], book.Merges());
        Assert.Equal("3", (string?)book.Part("xl/worksheets/sheet1.xml").Descendants(Main + "mergeCells").Single().Attribute("count"));
    }

    [Fact]
    public void Several_sheets_each_get_a_part_a_name_and_a_relationship()
    {
        var first = new XlsxSheet("汇总 654000 2022");
        first.Add("一");
        var second = new XlsxSheet("明细 lines");
        second.Add(XlsxCell.Number(2m, 0));

        var book = new WrittenWorkbook(first, second);

        var names = book.Part("xl/workbook.xml").Descendants(Main + "sheet").Select(s => (string)s.Attribute("name")!);
        Assert.Equal(["汇总 654000 2022", "明细 lines"], names);
        Assert.Equal("一", book.Text("A1", sheet: 1));
        Assert.Equal("2", book.Cell("A1", sheet: 2).Value);
        var targets = book.Part("xl/_rels/workbook.xml.rels").Root!.Elements().Select(r => (string)r.Attribute("Target")!);
        Assert.Equal(["worksheets/sheet1.xml", "worksheets/sheet2.xml", "styles.xml", "sharedStrings.xml"], targets);
        var overrides = book.Part("[Content_Types].xml").Root!.Elements().Select(e => (string?)e.Attribute("PartName")).OfType<string>();
        Assert.Contains("/xl/worksheets/sheet2.xml", overrides);
    }

    [Fact]
    public void Sheet_names_are_cut_to_what_excel_allows()
    {
        Assert.Equal("a_b_c_d_e_f_g_", new XlsxSheet("a:b\\c/d?e*f[g]").Name);
        Assert.Equal(31, new XlsxSheet(new string('x', 40)).Name.Length);
    }

    [Fact]
    public void Column_widths_frozen_panes_and_the_auto_filter_are_written()
    {
        var sheet = new XlsxSheet("s") { FrozenRows = 2, FrozenColumns = 1, AutoFilter = true };
        sheet.Add("a", "b", "c");
        sheet.Add("d", "e");
        sheet.Add("f");
        sheet.Widths.AddRange([30, 12.5]);

        var xml = new WrittenWorkbook(sheet).Part("xl/worksheets/sheet1.xml");

        var cols = xml.Descendants(Main + "col").Select(c => ((string)c.Attribute("min")!, (string)c.Attribute("width")!));
        Assert.Equal([("1", "30"), ("2", "12.5")], cols);
        var pane = xml.Descendants(Main + "pane").Single();
        Assert.Equal(("1", "2", "B3", "frozen"), ((string)pane.Attribute("xSplit")!, (string)pane.Attribute("ySplit")!, (string)pane.Attribute("topLeftCell")!, (string)pane.Attribute("state")!));
        Assert.Equal("A2:C3", (string?)xml.Descendants(Main + "autoFilter").Single().Attribute("ref"));
    }

    [Theory]
    [InlineData(0, 0, "A1")]
    [InlineData(11, 27, "AB12")]
    [InlineData(0, 25, "Z1")]
    [InlineData(0, 26, "AA1")]
    [InlineData(0, 701, "ZZ1")]
    [InlineData(0, 702, "AAA1")]
    public void References_name_columns_as_excel_does(int row, int column, string reference) =>
        Assert.Equal(reference, XlsxSheet.Reference(row, column));

    [Theory]
    [InlineData(0, "0")]
    [InlineData(2, "0.00")]
    [InlineData(-1, "0")]
    [InlineData(40, "0.0000000000")]
    public void Fixed_formats_give_the_decimal_places(int places, string format) =>
        Assert.Equal(format, NumberFormats.Fixed(places));

    [Fact]
    public async Task Writing_to_a_path_creates_its_folder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "xlsx-" + Guid.NewGuid().ToString("N"));
        var sheet = new XlsxSheet("s");
        sheet.Add("x");
        try
        {
            await XlsxWriter.WriteAsync(Path.Combine(folder, "sub", "book.xlsx"), [sheet]);
            Assert.True(new FileInfo(Path.Combine(folder, "sub", "book.xlsx")).Length > 0);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
