using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Units;

namespace IndicatorExchange.Domain.Tests.Units;

public class UnitTableTests
{
    private static UnitDefinition Unit(string symbol)
    {
        Assert.True(UnitTable.TryGet(symbol, out var unit), $"unit '{symbol}' should be known");
        return unit;
    }

    private static decimal Convert(decimal value, string from, string to)
    {
        Assert.True(UnitTable.TryConvert(value, Unit(from), Unit(to), out var converted), $"{from} should convert to {to}");
        return converted;
    }

    [Fact]
    public void Converting_1920_wan_dollars_to_yi_dollars_is_exact()
    {
        var converted = Convert(1920m, "万美元", "亿美元");
        Assert.Equal(0.192m, converted);
        Assert.Equal("0.192", DecimalText.Format(converted));
    }

    [Fact]
    public void Converting_3100_persons_to_wan_persons_gives_0_31()
    {
        var converted = Convert(3100m, "人", "万人");
        Assert.Equal(0.31m, converted);
        Assert.Equal("0.31", DecimalText.Format(converted));
    }

    [Fact]
    public void Converting_7_4_yi_dollars_to_wan_dollars_gives_74000()
    {
        var converted = Convert(7.4m, "亿美元", "万美元");
        Assert.Equal(74000m, converted);
        Assert.Equal("74000", DecimalText.Format(converted));
    }

    [Fact]
    public void Converting_yi_yuan_to_yuan_and_back_returns_the_same_value()
    {
        var yuan = Convert(1.6m, "亿元", "元");
        Assert.Equal(160_000_000m, yuan);
        Assert.Equal(1.6m, Convert(yuan, "元", "亿元"));
    }

    [Fact]
    public void Converting_2960_wan_yuan_to_yi_yuan_gives_0_296()
    {
        Assert.Equal(0.296m, Convert(2960m, "万元", "亿元"));
    }

    [Fact]
    public void Converting_to_the_same_unit_leaves_the_value_unchanged()
    {
        Assert.Equal(348.2m, Convert(348.2m, "亿元", "亿元"));
    }

    [Fact]
    public void Full_width_brackets_in_wan_head_are_recognised()
    {
        var unit = Unit("万头（只）");
        Assert.Equal("万头(只)", unit.Symbol);
        Assert.Equal(Dimension.Head, unit.Dimension);
        Assert.Equal(4, unit.Multiplier);
    }

    [Fact]
    public void Full_width_percent_and_surrounding_blanks_are_tolerated()
    {
        Assert.Equal("%", Unit("％").Symbol);
        Assert.Equal("亿元", Unit(" 亿元 ").Symbol);
    }

    [Theory]
    [InlineData("元", 0)]
    [InlineData("万元", 4)]
    [InlineData("亿元", 8)]
    [InlineData("万美元", 4)]
    [InlineData("亿美元", 8)]
    [InlineData("万人次", 4)]
    [InlineData("万吨", 4)]
    [InlineData("万亩", 4)]
    public void Wan_is_ten_to_the_fourth_and_yi_ten_to_the_eighth(string symbol, int multiplier)
    {
        Assert.Equal(multiplier, Unit(symbol).Multiplier);
    }

    [Theory]
    [InlineData("美元", "元")]
    [InlineData("亿美元", "亿元")]
    [InlineData("万人", "万人次")]
    [InlineData("%", "元")]
    public void Converting_between_different_dimensions_fails_instead_of_converting(string from, string to)
    {
        Assert.False(UnitTable.TryConvert(100m, Unit(from), Unit(to), out var converted));
        Assert.Equal(0m, converted);
    }

    [Theory]
    [InlineData("万公里")]
    [InlineData("亿")]
    [InlineData("USD")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_unknown_unit_is_not_found(string? symbol)
    {
        Assert.False(UnitTable.TryGet(symbol, out _));
    }

    [Fact]
    public void Converting_beyond_the_decimal_range_fails_instead_of_throwing()
    {
        Assert.False(UnitTable.TryConvert(decimal.MaxValue, Unit("亿元"), Unit("元"), out _));
    }

    [Fact]
    public void Same_dimension_lists_yuan_wan_yuan_and_yi_yuan_smallest_first()
    {
        Assert.Equal(["元", "万元", "亿元"], UnitTable.SameDimension(Unit("万元")));
    }

    [Fact]
    public void Same_dimension_of_us_dollars_does_not_list_yuan()
    {
        Assert.Equal(["美元", "万美元", "亿美元"], UnitTable.SameDimension(Unit("美元")));
    }
}
