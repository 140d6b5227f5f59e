using IndicatorExchange.Domain.Units;

namespace IndicatorExchange.Domain.Tests.Units;

/// <summary>Units in English, from the unit table's dimension and multiplier.</summary>
public class EnglishUnitsTests
{
    [Theory]
    [InlineData("元", "yuan")]
    [InlineData("万元", "10,000 yuan")]
    [InlineData("亿元", "100 million yuan")]
    [InlineData("亿美元", "100 million US dollars")]
    [InlineData("万人", "10,000 persons")]
    [InlineData("万人次", "10,000 person-times")]
    [InlineData("万吨", "10,000 tonnes")]
    [InlineData("万亩", "10,000 mu")]
    [InlineData("万户", "10,000 households")]
    [InlineData("家", "enterprises")]
    [InlineData("%", "%")]
    public void Each_unit_has_its_english_name(string unit, string english) =>
        Assert.Equal(english, EnglishUnits.Of(unit));

    [Theory]
    [InlineData("万头（只）", "10,000 head")]
    [InlineData("头(只)", "head")]
    [InlineData(" 亿元 ", "100 million yuan")]
    public void Full_width_brackets_and_blanks_are_tolerated_as_by_the_unit_table(string unit, string english) =>
        Assert.Equal(english, EnglishUnits.Of(unit));

    [Fact]
    public void Every_unit_of_the_table_has_an_english_name()
    {
        foreach (var symbol in new[] { "元", "美元", "人", "人次", "吨", "亩", "头(只)", "户", "家" })
        {
            Assert.True(UnitTable.TryGet(symbol, out var unit));
            foreach (var same in UnitTable.SameDimension(unit))
            {
                Assert.DoesNotMatch("[\u4e00-\u9fff]", EnglishUnits.Of(same));
            }
        }
    }

    [Theory]
    [InlineData("公里")]
    [InlineData("")]
    public void An_unknown_unit_is_shown_as_sent(string unit) =>
        Assert.Equal(unit, EnglishUnits.Of(unit));
}
