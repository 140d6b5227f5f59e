using System.Globalization;
using IndicatorExchange.Domain.Numbers;

namespace IndicatorExchange.Domain.Tests.Numbers;

public class DecimalTextTests
{
    public static TheoryData<string, decimal> AcceptedTexts => new()
    {
        { "348.2", 348.2m },
        { "-10.4", -10.4m },
        { "0", 0m },
        { "0.192", 0.192m },
        { "1920", 1920m },
    };

    [Theory]
    [MemberData(nameof(AcceptedTexts))]
    public void Parsing_accepts_plain_decimal_text(string text, decimal expected)
    {
        Assert.True(DecimalText.TryParse(text, out var value));
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("+1")]
    [InlineData("1e5")]
    [InlineData("1E5")]
    [InlineData("1,000")]
    [InlineData("abc")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("(1)")]
    [InlineData("1-")]
    [InlineData(null)]
    public void Parsing_rejects_blanks_signs_exponents_and_separators(string? text)
    {
        Assert.False(DecimalText.TryParse(text, out var value));
        Assert.Equal(0m, value);
    }

    [Theory]
    [InlineData("0.12345678901234567890123456789")] // 29 significant digits
    [InlineData("12345678901234567890123456789")]
    public void Parsing_rejects_more_digits_than_a_decimal_holds_exactly_instead_of_rounding(string text)
    {
        Assert.False(DecimalText.TryParse(text, out _));
    }

    [Theory]
    [InlineData("0.00000000000000000000000000001")] // 29 places: decimal.Parse gives 0
    [InlineData("0.00000000000000000000000000019")] // 29 places: decimal.Parse gives 0.0000000000000000000000000002
    [InlineData("-0.00000000000000000000000000001")]
    public void Parsing_rejects_more_decimal_places_than_a_decimal_holds_instead_of_rounding(string text)
    {
        Assert.False(DecimalText.TryParse(text, out _));
    }

    [Theory]
    [InlineData("12\0")]
    [InlineData("12\0\0")]
    [InlineData("1\u00002")]
    [InlineData("12\u0007")]
    [InlineData("12.")]
    [InlineData(".5")]
    [InlineData("-.5")]
    [InlineData("-")]
    [InlineData("١٢")] // Arabic-Indic digits
    [InlineData("１２")] // full-width digits
    public void Parsing_rejects_control_characters_and_what_the_grammar_excludes(string text)
    {
        Assert.False(DecimalText.TryParse(text, out _));
    }

    [Theory]
    [InlineData("0.1234567890123456789012345678")] // 28 significant digits
    [InlineData("000123.4500000000000000000000000000")] // zeros that carry no value do not count
    public void Parsing_accepts_up_to_28_significant_digits(string text)
    {
        Assert.True(DecimalText.TryParse(text, out var value));
        Assert.Equal(decimal.Parse(text, CultureInfo.InvariantCulture), value);
    }

    public static TheoryData<decimal, string> CanonicalTexts => new()
    {
        { 0.1920m, "0.192" },
        { 100m, "100" },
        { 1.50m, "1.5" },
        { -10.40m, "-10.4" },
        { 74000.0000m, "74000" },
        { 0.000m, "0" },
        { -0.0m, "0" },
        { 0.0000000000000000000000000001m, "0.0000000000000000000000000001" },
    };

    [Theory]
    [MemberData(nameof(CanonicalTexts))]
    public void Formatting_gives_canonical_text_without_trailing_zeros(decimal value, string expected)
    {
        Assert.Equal(expected, DecimalText.Format(value));
    }

    [Fact]
    public void Formatting_drops_a_trailing_zero_that_the_decimal_itself_keeps()
    {
        var value = 0.1920m;
        Assert.Equal("0.1920", value.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.192", DecimalText.Format(value));
    }

    [Fact]
    public void Canonical_form_keeps_the_value_and_minimises_the_scale()
    {
        var canonical = DecimalText.Canonical(1.500m);
        Assert.Equal(1.5m, canonical);
        Assert.Equal(1, canonical.Scale);
    }

    [Fact]
    public void Canonical_form_is_bit_for_bit_what_dividing_by_one_with_28_zeros_gives()
    {
        // The runtime's own minimal-scale division is the reference; random coefficients, scales and signs, with
        // trailing zeros made likely, and coefficients beyond 64 bits.
        var random = new Random(20261202);
        for (var i = 0; i < 20_000; i++)
        {
            var lo = random.Next(4) == 0 ? 0 : random.Next();
            var mid = random.Next(3) == 0 ? random.Next() : 0;
            var hi = random.Next(5) == 0 ? random.Next() : 0;
            var value = new decimal(lo, mid, hi, random.Next(2) == 0, (byte)random.Next(29));
            if (random.Next(2) == 0)
            {
                value = Math.Round(value, random.Next(6)) * 1.000m;
            }
            var reference = value / 1.0000000000000000000000000000m;
            reference = reference == 0m ? 0m : reference;
            Assert.Equal(decimal.GetBits(reference), decimal.GetBits(DecimalText.Canonical(value)));
        }
    }

    [Theory]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("7.9228162514264337593543950335")]
    public void Canonical_form_of_extreme_decimals_does_not_overflow(string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(text, DecimalText.Format(value));
    }

    [Theory]
    [InlineData("348.2")]
    [InlineData("-10.4")]
    [InlineData("0")]
    [InlineData("0.192")]
    [InlineData("100")]
    public void Canonical_text_round_trips_through_parse_and_format(string text)
    {
        Assert.True(DecimalText.TryParse(text, out var value));
        Assert.Equal(text, DecimalText.Format(value));
    }

    [Fact]
    public void Rounding_a_computed_value_keeps_ten_places_by_default()
    {
        Assert.Equal(0.3333333333m, DecimalText.RoundComputed(1m / 3m));
        Assert.Equal(0.6666666667m, DecimalText.RoundComputed(2m / 3m));
    }

    [Theory]
    [InlineData("2.5", 0, "3")]
    [InlineData("-2.5", 0, "-3")]
    [InlineData("0.125", 2, "0.13")]
    [InlineData("1.2542", 2, "1.25")]
    [InlineData("1.2500000000004", 10, "1.25")]
    [InlineData("5.00", 2, "5")]
    public void Rounding_a_computed_value_goes_away_from_zero_at_the_midpoint_and_is_canonical(string value, int places, string expected)
    {
        var rounded = DecimalText.RoundComputed(decimal.Parse(value, CultureInfo.InvariantCulture), places);
        Assert.Equal(expected, rounded.ToString(CultureInfo.InvariantCulture));
    }
}
