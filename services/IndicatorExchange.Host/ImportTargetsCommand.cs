using System.CommandLine;
using System.Security.Cryptography;
using Google.Rpc;
using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Csv;
using IndicatorExchange.Host.CommandLine;
using IndicatorExchange.Target.Import;

namespace IndicatorExchange.Host;

/// <summary>
/// <c>indicatorexchange import-targets FILE [--address URL] [--indicator-address URL] [--dry-run]</c>: sets the targets of a CSV shaped like
/// seed-targets-2023.csv (indicators by Chinese name or by code) on a running suite, one batch per org unit and
/// year, idempotently (request ids derive from the file's content, so running it twice changes nothing).
/// </summary>
public static class ImportTargetsCommand
{
    public const string Name = "import-targets";

    public static Command Build()
    {
        var admin = new AdminOptions();
        var file = ImportFile.Argument("A CSV shaped like seed-targets-2023.csv (indicators by Chinese name or by code)");
        var indicatorAddress = new Option<string>("--indicator-address") { Description = "Where the catalog is read from (default --address)", HelpName = "URL" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Check the targets without writing them" };
        var command = new Command(Name, "Set the targets of a CSV on a running suite (idempotent)") { file, indicatorAddress, dryRun };
        admin.AddTo(command);
        command.SetAction((parse, _) => RunAsync(parse, admin, parse.GetValue(file)!.FullName,
            parse.GetValue(indicatorAddress) ?? parse.GetValue(admin.Address)!, parse.GetValue(dryRun)));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, AdminOptions admin, string file, string indicatorAddress, bool dryRun)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        using var channel = admin.Channel(parse, parse.GetValue(admin.Address)!);
        using var indicatorChannel = admin.Channel(parse, indicatorAddress);
        try
        {
            var codes = await IndicatorCodesAsync(new IndicatorService.IndicatorServiceClient(indicatorChannel));
            var prefix = "import-" + Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file)))[..16];
            var requests = TargetCsvRequests.Read(CsvTable.Load(file), name => codes.GetValueOrDefault(name), prefix, $"imported from {Path.GetFileName(file)}");
            var client = new TargetService.TargetServiceClient(channel);
            foreach (var request in requests)
            {
                request.ValidateOnly = dryRun;
                var response = await client.SetTargetsAsync(request, deadline: DateTime.UtcNow.AddMinutes(1));
                var summary = response.Summary;
                output.WriteLine($"{request.Targets[0].OrgUnit} {request.Targets[0].Year}: {summary.Created} created, {summary.Updated} updated, {summary.Unchanged} unchanged{(dryRun ? " (dry run, nothing written)" : "")}");
                foreach (var issue in summary.Issues)
                {
                    output.WriteLine($"  warning {issue.Reason} at {issue.Field}: {issue.Message}");
                }
            }
            return HostExitCodes.Ok;
        }
        catch (InvalidDataException exception)
        {
            error.WriteLine($"{file}: {exception.Message}");
            return HostExitCodes.Failed;
        }
        catch (RpcException exception)
        {
            error.WriteLine($"Refused: {exception.Status.StatusCode}: {exception.Status.Detail}");
            foreach (var violation in exception.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? [])
            {
                error.WriteLine($"  {violation.Field}: {violation.Reason}: {violation.Description}");
            }
            return HostExitCodes.Failed;
        }
    }

    /// <summary>Every catalog code, by itself and by its Chinese name.</summary>
    private static async Task<Dictionary<string, string>> IndicatorCodesAsync(IndicatorService.IndicatorServiceClient client)
    {
        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        var token = "";
        do
        {
            var page = await client.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 1000, PageToken = token }, deadline: DateTime.UtcNow.AddSeconds(30));
            foreach (var indicator in page.Indicators)
            {
                codes[indicator.Code] = indicator.Code;
                codes[indicator.NameZh] = indicator.Code;
            }
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return codes;
    }
}
