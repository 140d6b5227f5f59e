using System.CommandLine;
using Grpc.Core;
using IndicatorExchange.Cli.Outbox;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Client;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace IndicatorExchange.Cli.Hosting;

/// <summary>
/// Runs a command's action: composes the services of the invocation (client, outbox, catalog) and turns the
/// failures every command shares into their exit codes.
/// </summary>
public sealed class CommandRunner(Terminal terminal, GlobalOptions globals, IndicatorExchangeClientOptions? overrideOptions)
{
    public void Bind(Command command, Func<CommandContext, Task<int>> action) =>
        command.SetAction((parse, cancellation) => RunAsync(parse, cancellation, action));

    private async Task<int> RunAsync(ParseResult parse, CancellationToken cancellation, Func<CommandContext, Task<int>> action)
    {
        try
        {
            var settings = IxcSettings.Resolve(globals.Addresses(parse),
                IxcSettings.Token(parse.GetValue(globals.Token), parse.GetValue(globals.TokenFile)), parse.GetValue(globals.Outbox), overrideOptions);
            await using var services = Compose(settings);
            return await action(new CommandContext(parse, services, cancellation));
        }
        catch (UsageException exception)
        {
            terminal.Fail(exception.Message);
            return ExitCodes.Usage;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            terminal.Fail("已取消 Cancelled.");
            return 130;
        }
        catch (Exception exception) when (Failures.IsUnreachable(exception))
        {
            terminal.Fail($"服务不可达 Service unreachable: {Failures.Describe(exception)}");
            return ExitCodes.Unreachable;
        }
        catch (RpcException exception)
        {
            RejectionReport.Write(terminal, exception);
            return ExitCodes.Rejected;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or SqliteException)
        {
            terminal.Fail($"文件错误 File error: {exception.Message}");
            return ExitCodes.Usage;
        }
    }

    private ServiceProvider Compose(IxcSettings settings) =>
        new ServiceCollection()
            .AddSingleton(terminal)
            .AddSingleton(settings)
            .AddSingleton(_ => new IndicatorExchangeClient(settings.ClientOptions))
            .AddSingleton(_ => new OutboxStore(settings.OutboxPath))
            .AddSingleton<CatalogSource>()
            .AddSingleton<OrgUnitNames>()
            .AddSingleton<UploadDelivery>()
            .BuildServiceProvider();
}
