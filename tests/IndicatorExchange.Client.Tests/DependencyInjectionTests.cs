using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ReferenceOnlySuiteFactory = IndicatorExchange.Services.Tests.ReferenceOnlySuiteFactory;

namespace IndicatorExchange.Client.Tests;

public sealed class DependencyInjectionTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    [Fact]
    public void The_client_registered_from_configuration_uses_the_section_s_addresses_and_settings()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["IndicatorExchange:IndicatorAddress"] = "http://indicator.ili.example:5101",
            ["IndicatorExchange:TargetAddress"] = "http://target.ili.example:5102",
            ["IndicatorExchange:AggregationAddress"] = "https://aggregation.ili.example",
            ["IndicatorExchange:Deadline"] = "00:00:07",
            ["IndicatorExchange:BearerToken"] = "county-654025",
            ["IndicatorExchange:MaxAttempts"] = "3",
            ["IndicatorExchange:CircuitBreakerFailures"] = "4",
            ["IndicatorExchange:CircuitBreakDuration"] = "00:01:00",
        }).Build();

        using var provider = new ServiceCollection().AddIndicatorExchangeClient(configuration).BuildServiceProvider();
        var client = provider.GetRequiredService<IndicatorExchangeClient>();

        Assert.Same(client, provider.GetRequiredService<IndicatorExchangeClient>());
        Assert.Equal(
            ("http://indicator.ili.example:5101", "http://target.ili.example:5102", "https://aggregation.ili.example"),
            (client.Options.IndicatorAddress, client.Options.TargetAddress, client.Options.AggregationAddress));
        Assert.Equal((TimeSpan.FromSeconds(7), "county-654025", 3, 4, TimeSpan.FromMinutes(1)),
            (client.Options.Deadline, client.Options.BearerToken, client.Options.MaxAttempts, client.Options.CircuitBreakerFailures, client.Options.CircuitBreakDuration));
    }

    [Fact]
    public void Without_the_section_the_client_defaults_to_the_all_in_one_suite_on_loopback()
    {
        using var provider = new ServiceCollection().AddIndicatorExchangeClient(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var options = provider.GetRequiredService<IndicatorExchangeClient>().Options;

        Assert.Equal(("http://127.0.0.1:5100", "http://127.0.0.1:5100", "http://127.0.0.1:5100", TimeSpan.FromSeconds(30), 5, 5),
            (options.IndicatorAddress, options.TargetAddress, options.AggregationAddress, options.Deadline, options.MaxAttempts, options.CircuitBreakerFailures));
    }

    [Fact]
    public async Task The_client_registered_in_code_reaches_the_suite()
    {
        var suiteOptions = Suite.Options(suite);
        using var provider = new ServiceCollection()
            .AddIndicatorExchangeClient(options =>
            {
                options.IndicatorAddress = options.TargetAddress = options.AggregationAddress = suiteOptions.IndicatorAddress;
                options.HandlerFactory = suiteOptions.HandlerFactory;
                options.BearerToken = suiteOptions.BearerToken;
            })
            .BuildServiceProvider();

        var indicators = await provider.GetRequiredService<IndicatorExchangeClient>().ListAllIndicatorsAsync();

        Assert.Equal(44, indicators.Count);
    }

    [Fact]
    public void An_address_that_is_not_an_absolute_http_url_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new IndicatorExchangeClient(new IndicatorExchangeClientOptions { TargetAddress = "127.0.0.1:5100" }));

        Assert.Contains("TargetAddress", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://a:5101,127.0.0.1:5101")]
    [InlineData("http://a:5101,https://b:5101")]
    [InlineData(" , ")]
    public void A_list_of_replicas_with_a_bad_or_mixed_address_is_refused(string addresses)
    {
        var error = Assert.Throws<ArgumentException>(() => new IndicatorExchangeClient(new IndicatorExchangeClientOptions { IndicatorAddress = addresses }));

        Assert.Contains("IndicatorAddress", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_replicas_of_a_service_are_one_comma_separated_address()
    {
        using var client = new IndicatorExchangeClient(new IndicatorExchangeClientOptions { IndicatorAddress = "http://a:5101, http://b:5101" });

        Assert.Equal("http://a:5101, http://b:5101", client.Options.IndicatorAddress);
    }
}
