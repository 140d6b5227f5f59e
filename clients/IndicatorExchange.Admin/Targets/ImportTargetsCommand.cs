using System.CommandLine;
using Google.Rpc;
using Grpc.Core;
using IndicatorExchange.Admin.CommandLine;
using IndicatorExchange.Client;
using IndicatorExchange.Domain.Csv;
using IndicatorExchange.Domain.Targets;

namespace IndicatorExchange.Admin.Targets;

/// <summary>
/// <c>import-targets FILE [--address URL] [--indicator-address URL] [--dry-run]</c>: sets the targets of a CSV shaped like
/// seed-targets-2023.csv (indicators by Chinese name or by code) on a running suite, one batch per org unit and year,
/// idempotently (<see cref="TargetImport"/>: running it twice changes nothing).
/// </summary>
public static class ImportTargetsCommand
{
    public const string Name = "import-targets";

    private static readonly TimeSpan CallDeadline = TimeSpan.FromMinutes(1);

    public static Command Build(AdminConnection connection)
    {
        var file = ImportFile.Argument("A CSV shaped like seed-targets-2023.csv (indicators by Chinese name or by code)");
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the targets without writing them" };
        var command = new Command(Name, "Set the targets of a CSV on a running suite (idempotent)") { file, dryRun };
        connection.AddTo(command, catalogElsewhere: true);
        command.SetAction((parse, cancellation) => RunAsync(parse, connection, parse.GetValue(file)!.FullName, parse.GetValue(dryRun), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, AdminConnection connection, string file, bool dryRun, CancellationToken cancellation)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        using var client = connection.Connect(parse, CallDeadline);
        try
        {
            var codes = await IndicatorCodesAsync(client, cancellation);
            var prefix = "import-" + await TargetImport.ContentHashAsync(file, cancellation);
            var rows = TargetCsv.Read(CsvTable.Parse(File.ReadAllText(file)), name => codes.GetValueOrDefault(name));
            foreach (var batch in TargetImport.Batches(rows, (org, year) => $"{prefix}-{org}-{year}", $"imported from {Path.GetFileName(file)}", dryRun))
            {
                var summary = (await client.SetTargetsAsync(batch.Request, cancellation)).Summary;
                output.WriteLine($"{batch.Scope}: {summary.Created} created, {summary.Updated} updated, {summary.Unchanged} unchanged{(dryRun ? " (dry run, nothing written)" : "")}");
                foreach (var issue in summary.Issues)
                {
                    output.WriteLine($"  warning {issue.Reason} at {issue.Field}: {issue.Message}");
                }
            }
            return AdminExitCodes.Ok;
        }
        catch (InvalidDataException exception)
        {
            error.WriteLine($"{file}: {exception.Message}");
            return AdminExitCodes.Failed;
        }
        catch (Exception exception) when (exception is RpcException or ServiceUnavailableException)
        {
            error.WriteLine($"Refused: {Refusal.Describe(exception)}");
            foreach (var violation in (exception as RpcException)?.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? [])
            {
                error.WriteLine($"  {violation.Field}: {violation.Reason}: {violation.Description}");
            }
            return AdminExitCodes.Failed;
        }
    }

    /// <summary>Every catalog code, by itself and by its Chinese name.</summary>
    private static async Task<Dictionary<string, string>> IndicatorCodesAsync(IndicatorExchangeClient client, CancellationToken cancellation)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var indicator in await client.ListAllIndicatorsAsync(cancellation))
        {
            codes[indicator.Code] = indicator.Code;
            codes[indicator.NameZh] = indicator.Code;
        }
        return codes;
    }
}
