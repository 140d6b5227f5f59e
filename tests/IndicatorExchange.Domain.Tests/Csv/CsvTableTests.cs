using IndicatorExchange.Domain.Csv;

namespace IndicatorExchange.Domain.Tests.Csv;

public class CsvTableTests
{
    [Fact]
    public void An_unclosed_quote_is_an_error_naming_its_line_not_a_swallowed_file()
    {
        var error = Assert.Throws<FormatException>(() => CsvTable.Parse("a,b\n1,\"unterminated\n2,3\n"));

        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void Quoted_fields_keep_commas_doubled_quotes_and_line_breaks()
    {
        var table = CsvTable.Parse(
            "id,label,remark\n" +
            "1,\"x, y\",\"he said \"\"hi\"\"\"\n" +
            "2,\"line one\nline two\",plain\n" +
            "3,p,q\n");

        Assert.Equal(["id", "label", "remark"], table.Header);
        Assert.Equal(3, table.Rows.Count);
        Assert.Equal("x, y", table.Rows[0]["label"]);
        Assert.Equal("he said \"hi\"", table.Rows[0]["remark"]);
        Assert.Equal("line one\nline two", table.Rows[1]["label"]);
        Assert.Equal("plain", table.Rows[1]["remark"]);
        Assert.Equal("q", table.Rows[2]["remark"]);
    }

    [Fact]
    public void Row_line_is_the_file_line_where_the_record_starts()
    {
        var table = CsvTable.Parse(
            "id,label\n" +
            "1,a\n" +
            "2,\"spans\ntwo lines\"\n" +
            "\n" +
            "3,c\n");

        Assert.Equal([2, 3, 6], table.Rows.Select(r => r.Line));
        Assert.Equal("3", table.Rows[2]["id"]);
    }

    [Fact]
    public void Windows_line_ends_are_not_part_of_the_last_field()
    {
        var table = CsvTable.Parse("id,value\r\n1,348.2\r\n2,133.61\r\n");

        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("348.2", table.Rows[0]["value"]);
        Assert.Equal(3, table.Rows[1].Line);
    }

    [Fact]
    public void A_last_line_without_a_line_break_is_read()
    {
        var table = CsvTable.Parse("id,value\n1,348.2");

        var row = Assert.Single(table.Rows);
        Assert.Equal("348.2", row["value"]);
    }

    [Fact]
    public void A_byte_order_mark_is_not_part_of_the_first_column_name()
    {
        var table = CsvTable.Parse("\uFEFForg_code,value\n654002,348.2\n");

        Assert.Equal("org_code", table.Header[0]);
        Assert.Equal("654002", Assert.Single(table.Rows)["org_code"]);
    }

    [Fact]
    public void Columns_are_read_by_header_name_ignoring_case_and_cells_are_trimmed()
    {
        var row = Assert.Single(CsvTable.Parse("org_code,value\n654002 , 348.2\n").Rows);

        Assert.Equal("654002", row["ORG_CODE"]);
        Assert.Equal("348.2", row["value"]);
    }

    [Fact]
    public void Optional_returns_null_for_an_empty_cell_or_an_absent_column()
    {
        var row = Assert.Single(CsvTable.Parse("value,yoy_growth_pct,remark\n24.3,,  \n").Rows);

        Assert.Equal("24.3", row.Optional("value"));
        Assert.Null(row.Optional("yoy_growth_pct"));
        Assert.Null(row.Optional("remark"));
        Assert.Null(row.Optional("no_such_column"));
        Assert.Equal(string.Empty, row["yoy_growth_pct"]);
    }

    [Fact]
    public void A_short_row_reads_its_missing_trailing_cells_as_empty()
    {
        var row = Assert.Single(CsvTable.Parse("a,b,c\n1\n").Rows);

        Assert.Equal("1", row["a"]);
        Assert.Equal(string.Empty, row["c"]);
        Assert.Null(row.Optional("c"));
    }

    [Fact]
    public void Reading_a_missing_column_throws_and_names_the_columns_there_are()
    {
        var row = Assert.Single(CsvTable.Parse("org_code,value\n654002,348.2\n").Rows);

        var ex = Assert.Throws<KeyNotFoundException>(() => row["unit"]);
        Assert.Contains("'unit'", ex.Message);
        Assert.Contains("org_code, value", ex.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("\uFEFF")]
    public void Text_without_a_header_line_is_rejected(string text)
    {
        Assert.Throws<FormatException>(() => CsvTable.Parse(text));
    }

    [Fact]
    public void The_2022_seed_figures_have_51_rows_under_the_expected_header()
    {
        var table = CsvTable.Parse(File.ReadAllText(TestData.File("seed-figures-2022.csv")));

        Assert.Equal(
            ["org_code", "org_name", "indicator_name_zh", "indicator_name_en", "period", "value", "unit", "yoy_growth_pct", "status", "remark"],
            table.Header);
        Assert.Equal(51, table.Rows.Count);
        Assert.Equal(27, table.Rows.Count(r => r["org_code"] == "654002"));
        Assert.Equal(24, table.Rows.Count(r => r["org_code"] == "654025"));
        Assert.All(table.Rows, r => Assert.Equal("2022", r["period"]));
        Assert.Equal(Enumerable.Range(2, 51), table.Rows.Select(r => r.Line));
    }

    [Fact]
    public void The_milk_output_remark_with_commas_inside_quotes_reads_whole()
    {
        var table = CsvTable.Parse(File.ReadAllText(TestData.File("seed-figures-2022.csv")));

        var milk = Assert.Single(table.Rows, r => r["indicator_name_zh"] == "奶类产量");
        Assert.Equal(14, milk.Line);
        Assert.Equal("0.8", milk["value"]);
        Assert.Equal("万吨", milk["unit"]);
        Assert.Equal("estimated", milk["status"]);
        Assert.Equal(
            "report lists 肉、奶、蛋 as 1.7, 0.8, 2.5; its 2023 targets list 肉蛋奶 as 1.9, 0.8, 2.6, " +
            "so milk and egg may be swapped in one of the two sentences",
            milk["remark"]);
    }

    [Fact]
    public void The_unemployment_remark_keeps_its_single_quotes_and_percent_sign()
    {
        var table = CsvTable.Parse(File.ReadAllText(TestData.File("seed-figures-2022.csv")));

        var unemployment = Assert.Single(table.Rows, r => r["indicator_name_zh"] == "城镇调查失业率");
        Assert.Equal("reported as 'kept within 5.5%': an upper bound, not a measurement", unemployment["remark"]);
    }
}
