using System.Security.Cryptography;
using Google.Rpc;
using Grpc.Core;
using Grpc.Net.Client;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Csv;
using IndicatorExchange.Target.Import;

namespace IndicatorExchange.Host;

/// <summary>
/// <c>indicatorexchange import-targets FILE [--address=URL] [--indicator-address=URL] [--dry-run]</c>: sets the targets of a CSV shaped like
/// seed-targets-2023.csv (indicators by Chinese name or by code) on a running suite, one batch per org unit and
/// year, idempotently (request ids derive from the file's content, so running it twice changes nothing).
/// </summary>
public static class ImportTargetsCommand
{
    public const string Name = "import-targets";

    public static async Task<int> RunAsync(string[] args)
    {
        var file = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine($"Usage: indicatorexchange {Name} FILE.csv [--address=URL] [--indicator-address=URL] [--dry-run]" + (file is null ? "" : $"\nNo such file: {file}"));
            return 2;
        }
        var address = args.FirstOrDefault(a => a.StartsWith("--address=", StringComparison.Ordinal))?["--address=".Length..]
                      ?? $"http://127.0.0.1:{Modules.AllInOnePort}";
        var indicatorAddress = args.FirstOrDefault(a => a.StartsWith("--indicator-address=", StringComparison.Ordinal))?["--indicator-address=".Length..] ?? address;
        var dryRun = args.Contains("--dry-run");
        using var channel = CommandCredentials.Channel(address, args);
        using var indicatorChannel = CommandCredentials.Channel(indicatorAddress, args);
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
                Console.WriteLine($"{request.Targets[0].OrgUnit} {request.Targets[0].Year}: {summary.Created} created, {summary.Updated} updated, {summary.Unchanged} unchanged{(dryRun ? " (dry run, nothing written)" : "")}");
                foreach (var issue in summary.Issues)
                {
                    Console.WriteLine($"  warning {issue.Reason} at {issue.Field}: {issue.Message}");
                }
            }
            return 0;
        }
        catch (InvalidDataException exception)
        {
            Console.Error.WriteLine($"{file}: {exception.Message}");
            return 1;
        }
        catch (RpcException exception)
        {
            Console.Error.WriteLine($"Refused: {exception.Status.StatusCode}: {exception.Status.Detail}");
            foreach (var violation in exception.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations ?? [])
            {
                Console.Error.WriteLine($"  {violation.Field}: {violation.Reason}: {violation.Description}");
            }
            return 1;
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
