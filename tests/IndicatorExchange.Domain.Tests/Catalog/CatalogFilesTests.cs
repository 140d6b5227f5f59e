using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Csv;

namespace IndicatorExchange.Domain.Tests.Catalog;

/// <summary>A catalog file carries the report order: its rows' order, or a report_order column where one is given.</summary>
public sealed class CatalogFilesTests
{
    private const string Header = "code,name_zh,name_en,unit,accumulation,aggregation,display_precision";

    [Fact]
    public void Report_order_is_the_row_order_of_the_file()
    {
        var indicators = CatalogFiles.ReadIndicators(CsvTable.Parse($"""
            {Header}
            GDP,地区生产总值,Gross regional product,亿元,year_to_date,sum,2
            TOURIST_VISITS,接待游客人次,Tourist visits,万人次,year_to_date,sum,1
            FOREIGN_TRADE,进出口总额,Foreign trade,亿美元,year_to_date,sum,3
            """));

        Assert.Equal([("GDP", 1), ("TOURIST_VISITS", 2), ("FOREIGN_TRADE", 3)], indicators.Select(i => (i.Code, i.ReportOrder)));
    }

    [Fact]
    public void A_report_order_column_sets_it_where_given()
    {
        var indicators = CatalogFiles.ReadIndicators(CsvTable.Parse($"""
            {Header},report_order
            GDP,地区生产总值,Gross regional product,亿元,year_to_date,sum,2,5
            TOURIST_VISITS,接待游客人次,Tourist visits,万人次,year_to_date,sum,1,
            """));

        Assert.Equal([("GDP", 5), ("TOURIST_VISITS", 2)], indicators.Select(i => (i.Code, i.ReportOrder)));
    }
}
