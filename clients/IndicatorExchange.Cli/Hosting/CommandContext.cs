using System.CommandLine;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Client;
using Microsoft.Extensions.DependencyInjection;

namespace IndicatorExchange.Cli.Hosting;

/// <summary>What a command's action works with: its parsed arguments, the services of this invocation and Ctrl+C.</summary>
public sealed class CommandContext(ParseResult parse, IServiceProvider services, CancellationToken cancellation)
{
    public ParseResult Parse { get; } = parse;

    public CancellationToken Cancellation { get; } = cancellation;

    public Terminal Terminal => Get<Terminal>();

    public IndicatorExchangeClient Client => Get<IndicatorExchangeClient>();

    public IxcSettings Settings => Get<IxcSettings>();

    public T Get<T>() where T : notnull => services.GetRequiredService<T>();

    public T? Value<T>(Option<T> option) => Parse.GetValue(option);

    public T? Value<T>(Argument<T> argument) => Parse.GetValue(argument);
}
