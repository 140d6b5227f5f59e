using System.CommandLine;
using IndicatorExchange.Admin.CommandLine;
using IndicatorExchange.Client;

namespace IndicatorExchange.Cli.Hosting;

/// <summary>
/// How <c>ixc admin …</c> reaches the suite: through ixc's global options (<c>--address</c> and one per service,
/// <c>--token</c>, <c>--token-file</c>, and their variables), so the admin commands add none of their own.
/// </summary>
public sealed class IxcAdminConnection(GlobalOptions globals, IndicatorExchangeClientOptions? overrideOptions) : AdminConnection
{
    public override void AddTo(Command command, bool catalogElsewhere = false)
    {
    }

    public override string Address(ParseResult parse) => Options(parse).AggregationAddress;

    public override IndicatorExchangeClient Connect(ParseResult parse, TimeSpan deadline)
    {
        var options = Options(parse);
        options.Deadline = deadline;
        return new IndicatorExchangeClient(options);
    }

    private IndicatorExchangeClientOptions Options(ParseResult parse) =>
        IxcSettings.Resolve(globals.Addresses(parse), IxcSettings.Token(parse.GetValue(globals.Token), parse.GetValue(globals.TokenFile)), null, overrideOptions)
            .ClientOptions;
}
