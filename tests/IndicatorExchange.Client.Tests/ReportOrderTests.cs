using ProtoIndicator = IndicatorExchange.Contracts.Indicator.V1.Indicator;

namespace IndicatorExchange.Client.Tests;

public sealed class ReportOrderTests
{
    /// <summary>A catalog as ListIndicators could answer it, in no particular order: the positions decide.</summary>
    private static readonly ProtoIndicator[] Catalog =
    [
        new() { Code = "TOURIST_VISITS", ReportOrder = 31 },
        new() { Code = "GDP", ReportOrder = 1 },
        new() { Code = "CROP_SOWN_AREA", ReportOrder = 20 },
        new() { Code = "FOREIGN_TRADE", ReportOrder = 10 },
        new() { Code = "AA_SAME_PLACE_AS_TRADE", ReportOrder = 10 },
    ];

    [Fact]
    public void Sorts_by_the_catalogs_report_order_then_code_with_codes_it_does_not_hold_last_by_code()
    {
        string[] byCode = ["AA_SAME_PLACE_AS_TRADE", "CROP_SOWN_AREA", "FOREIGN_TRADE", "GDP", "ZZ_LOCAL", "AA_LOCAL", "TOURIST_VISITS"];

        var sorted = ReportOrder.Sort(byCode, c => c, Catalog).ToList();

        Assert.Equal(["GDP", "AA_SAME_PLACE_AS_TRADE", "FOREIGN_TRADE", "CROP_SOWN_AREA", "TOURIST_VISITS", "AA_LOCAL", "ZZ_LOCAL"], sorted);
    }

    [Fact]
    public void The_order_follows_the_catalog_not_a_list_of_the_client_library()
    {
        // A catalog that puts tourism first: the client follows it.
        ProtoIndicator[] tourismFirst = [new() { Code = "GDP", ReportOrder = 2 }, new() { Code = "TOURIST_VISITS", ReportOrder = 1 }];

        Assert.Equal(["TOURIST_VISITS", "GDP"], ReportOrder.Sort(["GDP", "TOURIST_VISITS"], c => c, tourismFirst));
        Assert.Equal(["TOURIST_VISITS", "GDP"], ReportOrder.Of(tourismFirst));
    }

    [Fact]
    public void Without_a_catalog_the_order_is_by_code()
    {
        Assert.Equal(["FOREIGN_TRADE", "GDP"], ReportOrder.Sort(["GDP", "FOREIGN_TRADE"], c => c, (IReadOnlyList<string>?)null));
    }

    [Fact]
    public void A_given_order_is_kept_whatever_the_case()
    {
        var sorted = ReportOrder.Sort(["GDP", "FOREIGN_TRADE", "TOURIST_VISITS"], c => c, ["tourist_visits", "GDP", "foreign_trade"]).ToList();

        Assert.Equal(["TOURIST_VISITS", "GDP", "FOREIGN_TRADE"], sorted);
    }
}
