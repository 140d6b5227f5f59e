using IndicatorExchange.Host;
using IndicatorExchange.Host.CommandLine;
using IndicatorExchange.ServiceDefaults.Hosting;
using Microsoft.Extensions.Configuration;

namespace IndicatorExchange.Services.Tests;

/// <summary>
/// How the host's arguments are split between its options and its configuration: options in either form become the
/// configuration keys the modules read; arguments in configuration style go to the configuration untouched.
/// </summary>
public class HostCommandLineParsingTests
{
    [Fact]
    public void Options_in_either_form_become_the_modules_configuration_keys()
    {
        var commandLine = HostCommandLine.Parse(["--demo", "--port", "5101", "--target=indicator", "--indicator-address", "http://127.0.0.1:5101", "--data-dir=/srv/ix"]);

        Assert.True(commandLine.StartsServer);
        Assert.Equal(new Dictionary<string, string?>
        {
            ["Demo"] = "true", ["Port"] = "5101", ["Target"] = "indicator", ["Peers:Indicator"] = "http://127.0.0.1:5101", ["DataDirectory"] = "/srv/ix",
        }, commandLine.ServerSettings);
        Assert.Empty(commandLine.ConfigurationArguments);
    }

    [Fact]
    public void Configuration_style_arguments_go_to_the_configuration_with_their_values()
    {
        var commandLine = HostCommandLine.Parse(
            ["--Limits:RequestsPerSecond", "0", "--demo", "reference", "--Logging:LogLevel:Default=Debug", "Tls:AllowPlaintext=true", "--DataDirectory=/tmp/x", "--environment=Development"]);

        Assert.True(commandLine.StartsServer);
        Assert.Equal("reference", commandLine.ServerSettings["Demo"]);
        Assert.Equal(
            ["--Limits:RequestsPerSecond", "0", "--Logging:LogLevel:Default=Debug", "Tls:AllowPlaintext=true", "--DataDirectory=/tmp/x", "--environment=Development"],
            commandLine.ConfigurationArguments);
    }

    [Fact]
    public void Storage_options_become_the_storage_keys()
    {
        var commandLine = HostCommandLine.Parse(["--target=target", "--storage=postgres", "--connection-string", "Host=/tmp/pg;Port=5433;Username=ix;Database=ix"]);

        Assert.True(commandLine.StartsServer);
        Assert.Equal("postgres", commandLine.ServerSettings["Storage:Provider"]);
        Assert.Equal("Host=/tmp/pg;Port=5433;Username=ix;Database=ix", commandLine.ServerSettings["Storage:ConnectionString"]);
    }

    [Theory]
    [InlineData(null, StorageEngine.Sqlite)]
    [InlineData("sqlite", StorageEngine.Sqlite)]
    [InlineData("Postgres", StorageEngine.Postgres)]
    [InlineData("postgresql", StorageEngine.Postgres)]
    public void The_storage_engine_is_sqlite_unless_configured(string? provider, StorageEngine expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageSettings.ProviderKey] = provider }).Build();

        Assert.Equal(expected, StorageSettings.Engine(configuration));
    }

    [Fact]
    public void An_unknown_storage_engine_stops_the_start_with_a_bilingual_message()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [StorageSettings.ProviderKey] = "oracle" }).Build();

        var error = Assert.Throws<StorageConfigurationException>(() => StorageSettings.Engine(configuration));

        Assert.Contains("未知的存储引擎 'oracle'", error.Message);
        Assert.Contains("unknown storage engine 'oracle'", error.Message);
    }

    [Theory]
    [InlineData("--prot=5100")]
    [InlineData("serve")]
    [InlineData("--port", "many")]
    public async Task Anything_else_is_a_usage_error_naming_it(params string[] args)
    {
        var commandLine = HostCommandLine.Parse(args);
        var error = new StringWriter();

        Assert.False(commandLine.StartsServer);
        Assert.Equal(HostExitCodes.Usage, await commandLine.InvokeAsync(new StringWriter(), error));
        Assert.Contains(args[^1], error.ToString());
    }
}
