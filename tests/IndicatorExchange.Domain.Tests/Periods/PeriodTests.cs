using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.Domain.Tests.Periods;

public class PeriodTests
{
    [Theory]
    [InlineData("2023", 2023, PeriodKind.Annual, 0)]
    [InlineData("2023Q3", 2023, PeriodKind.Quarterly, 3)]
    [InlineData("2023M09", 2023, PeriodKind.Monthly, 9)]
    [InlineData("2022Q1", 2022, PeriodKind.Quarterly, 1)]
    [InlineData("2023M12", 2023, PeriodKind.Monthly, 12)]
    public void Parsing_a_period_code_gives_year_kind_and_number(string code, int year, PeriodKind kind, int number)
    {
        Assert.True(Period.TryParse(code, out var period));
        Assert.Equal(new Period(year, kind, number), period);
        Assert.Equal(period, Period.Parse(code));
    }

    [Theory]
    [InlineData("2023Q5")]
    [InlineData("2023Q0")]
    [InlineData("2023M13")]
    [InlineData("2023M00")]
    [InlineData("2023M9")]
    [InlineData("2023M009")]
    [InlineData("23Q1")]
    [InlineData("2023q1")]
    [InlineData("2023m09")]
    [InlineData("2023Q")]
    [InlineData("2023 ")]
    [InlineData(" 2023")]
    [InlineData("2023-Q1")]
    [InlineData("+023")]
    [InlineData("1948")]
    [InlineData("")]
    [InlineData(null)]
    public void Parsing_rejects_malformed_period_codes(string? code)
    {
        Assert.False(Period.TryParse(code, out _));
    }

    [Fact]
    public void Parse_throws_a_format_exception_that_names_the_bad_code()
    {
        var ex = Assert.Throws<FormatException>(() => Period.Parse("2023Q5"));
        Assert.Contains("2023Q5", ex.Message);
    }

    [Theory]
    [InlineData("2023")]
    [InlineData("2023Q1")]
    [InlineData("2023Q4")]
    [InlineData("2023M01")]
    [InlineData("2023M09")]
    [InlineData("2023M12")]
    public void ToString_round_trips_the_period_code(string code)
    {
        Assert.Equal(code, Period.Parse(code).ToString());
    }

    [Theory]
    [InlineData("2023", "2022")]
    [InlineData("2023Q3", "2022Q3")]
    [InlineData("2023M01", "2022M01")]
    public void Prior_year_is_the_same_period_one_year_earlier(string code, string prior)
    {
        Assert.Equal(Period.Parse(prior), Period.Parse(code).PriorYear());
    }

    [Theory]
    [InlineData("2023Q1", "0.25")]
    [InlineData("2023Q2", "0.5")]
    [InlineData("2023Q3", "0.75")]
    [InlineData("2023Q4", "1")]
    [InlineData("2023", "1")]
    [InlineData("2023M03", "0.25")]
    [InlineData("2023M06", "0.5")]
    [InlineData("2023M12", "1")]
    public void Elapsed_share_of_year_follows_the_year_to_date_period(string code, string share)
    {
        Assert.Equal(decimal.Parse(share, System.Globalization.CultureInfo.InvariantCulture), Period.Parse(code).ElapsedShareOfYear());
    }

    [Theory]
    [InlineData("2023Q2", false, "2023Q3")]
    [InlineData("2023Q3", false, "2023Q4")]
    [InlineData("2023Q4", false, null)]
    [InlineData("2023", false, null)]
    [InlineData("2023M01", false, "2023M02")]
    [InlineData("2023M01", true, null)]
    [InlineData("2023M02", true, "2023M03")]
    [InlineData("2023M12", false, null)]
    public void Next_in_year_is_the_following_year_to_date_period(string code, bool janFebCombined, string? next)
    {
        Assert.Equal(next, Period.Parse(code).NextInYear(janFebCombined)?.ToString());
    }
}
