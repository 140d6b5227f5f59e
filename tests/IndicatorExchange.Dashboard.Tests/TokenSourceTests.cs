using IndicatorExchange.Dashboard.Data;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>Where the bearer token comes from.</summary>
public sealed class TokenSourceTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ix-dashboard-token-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void No_token_configured_means_calls_without_one() => Assert.Null(TokenSource.Read(new DashboardOptions()));

    [Fact]
    public void Token_text_wins_over_the_token_file()
    {
        var file = Path.Combine(_directory, "t.jwt");
        File.WriteAllText(file, "from-file");

        Assert.Equal("abc.def.ghi", TokenSource.Read(new DashboardOptions { Token = " abc.def.ghi\n", TokenFile = file }));
    }

    [Fact]
    public void Token_file_is_read_and_trimmed_and_read_again_when_it_changes()
    {
        var file = Path.Combine(_directory, "t.jwt");
        File.WriteAllText(file, "first.token.x\n");
        var options = new DashboardOptions { TokenFile = file };
        Assert.Equal("first.token.x", TokenSource.Read(options));

        File.WriteAllText(file, "second.token.y");
        Assert.Equal("second.token.y", TokenSource.Read(options));
    }

    [Fact]
    public void Missing_token_file_is_an_error_unless_optional()
    {
        var options = new DashboardOptions { TokenFile = Path.Combine(_directory, "absent.jwt") };

        var error = Assert.Throws<DashboardConfigurationException>(() => TokenSource.Read(options));
        Assert.Contains("absent.jwt", error.Message);
        options.TokenFileOptional = true;
        Assert.Null(TokenSource.Read(options));
    }

    [Fact]
    public void Client_options_carry_the_addresses_and_the_token()
    {
        var options = DashboardClientProvider.ClientOptions(
            new DashboardOptions { AggregationAddress = "http://a:1", IndicatorAddress = "http://i:2", TargetAddress = "http://t:3" }, "tok");

        Assert.Equal(("http://a:1", "http://i:2", "http://t:3", "tok"),
            (options.AggregationAddress, options.IndicatorAddress, options.TargetAddress, options.BearerToken));
    }
}
