using IndicatorExchange.Host;
using IndicatorExchange.Host.CommandLine;

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
