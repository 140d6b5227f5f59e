using System.CommandLine;
using IndicatorExchange.Client;

namespace IndicatorExchange.Admin.CommandLine;

/// <summary>How an admin command reaches the suite: the options it adds to the command, and the client it then calls through.</summary>
public abstract class AdminConnection
{
    /// <summary>Adds the connection's options to <paramref name="command"/>.</summary>
    /// <param name="command">An admin command.</param>
    /// <param name="catalogElsewhere">Whether the command also reads the catalog, which may be at another address than the service it writes to.</param>
    public abstract void AddTo(Command command, bool catalogElsewhere = false);

    /// <summary>The address the command calls (for its messages).</summary>
    public abstract string Address(ParseResult parse);

    /// <summary>A client of the suite as the command line says, whose calls get <paramref name="deadline"/> unless they set their own.</summary>
    public abstract IndicatorExchangeClient Connect(ParseResult parse, TimeSpan deadline);
}
