using IndicatorExchange.Client;

namespace IndicatorExchange.Client.Tests;

public sealed class ReportOrderTests
{
    [Fact]
    public void Sorts_in_the_report_order_with_unknown_codes_last_by_code()
    {
        string[] byCode = ["CROP_SOWN_AREA", "FOREIGN_TRADE", "GDP", "ZZ_LOCAL", "AA_LOCAL", "TOURIST_VISITS"];

        var sorted = ReportOrder.Sort(byCode, c => c).ToList();

        Assert.Equal(["GDP", "FOREIGN_TRADE", "CROP_SOWN_AREA", "TOURIST_VISITS", "AA_LOCAL", "ZZ_LOCAL"], sorted);
    }

    [Fact]
    public void A_given_order_is_kept_whatever_the_case()
    {
        var sorted = ReportOrder.Sort(["GDP", "FOREIGN_TRADE", "TOURIST_VISITS"], c => c, ["tourist_visits", "GDP", "foreign_trade"]).ToList();

        Assert.Equal(["TOURIST_VISITS", "GDP", "FOREIGN_TRADE"], sorted);
    }
}
