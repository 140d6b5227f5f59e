using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Dashboard.Model;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>The area picker offers the counties too, each under its prefecture.</summary>
public sealed class NodePickerTests
{
    private static readonly IReadOnlyList<OrgUnit> Units =
    [
        new() { Code = "650000", NameZh = "新疆维吾尔自治区" },
        new() { Code = "654000", NameZh = "伊犁哈萨克自治州", ParentCode = "650000" },
        new() { Code = "654025", NameZh = "新源县", ParentCode = "654000" },
        new() { Code = "654002", NameZh = "伊宁市", ParentCode = "654000" },
        new() { Code = "652300", NameZh = "昌吉回族自治州", ParentCode = "650000" },
        new() { Code = "652301", NameZh = "昌吉市", ParentCode = "652300" },
    ];

    [Fact]
    public void Offers_the_region_prefectures_and_the_default_prefectures_counties_in_tree_order()
    {
        var offered = NodePicker.Offer(Units, "654000", "654000").Select(u => u.Code);

        Assert.Equal(["650000", "652300", "654000", "654002", "654025"], offered);
    }

    [Fact]
    public void A_county_of_another_prefecture_shown_brings_its_siblings()
    {
        var offered = NodePicker.Offer(Units, "654000", "652301").Select(u => u.Code);

        Assert.Equal(["650000", "652300", "652301", "654000", "654002", "654025"], offered);
    }
}
