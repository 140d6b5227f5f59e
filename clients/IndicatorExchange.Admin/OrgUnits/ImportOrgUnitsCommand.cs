using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IndicatorExchange.Admin.CommandLine;
using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Csv;

namespace IndicatorExchange.Admin.OrgUnits;

/// <summary>
/// <c>import-org-units FILE.csv [--address URL]</c>: loads an org-unit tree of any depth from a CSV shaped like
/// org-units-ili.csv (code, name_zh, name_en, level, parent_code; optional valid_from, closed_on, merged_into) into a
/// running indicator service, parents before children. Existing units are updated.
/// </summary>
public static class ImportOrgUnitsCommand
{
    public const string Name = "import-org-units";

    private const int CallsInFlight = 8;

    /// <summary>Each attempt of a call, retries included, gets its own 30 s.</summary>
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(30);

    public static Command Build(AdminConnection connection)
    {
        var file = ImportFile.Argument("A CSV shaped like org-units-ili.csv (code, name_zh, name_en, level, parent_code)");
        var command = new Command(Name, "Load an org-unit tree from a CSV into a running indicator service (parents first)") { file };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) => RunAsync(parse, connection, parse.GetValue(file)!.FullName, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, AdminConnection connection, string file, CancellationToken cancellation)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        IReadOnlyList<OrgUnitDefinition> units;
        try
        {
            units = CatalogFiles.ReadOrgUnits(CsvTable.Parse(File.ReadAllText(file)));
        }
        catch (Exception exception) when (exception is FormatException or KeyNotFoundException)
        {
            error.WriteLine($"{file}: {exception.Message}");
            return AdminExitCodes.Usage;
        }
        using var client = connection.Connect(parse, CallDeadline);
        int created = 0, updated = 0;
        try
        {
            // A level at a time (every parent exists before its children are sent), several calls in flight within it:
            // each call is one durable transaction, and sent one after another they spent most of their time waiting.
            foreach (var level in OrgUnitTree.ByDepth(units))
            {
                await Parallel.ForEachAsync(level, new ParallelOptions { MaxDegreeOfParallelism = CallsInFlight, CancellationToken = cancellation }, async (unit, token) =>
                {
                    var message = unit.ToProto();
                    try
                    {
                        await RateLimitRetry.ExecuteAsync(async t =>
                            await client.Indicators.CreateOrgUnitAsync(new CreateOrgUnitRequest { OrgUnit = message }, deadline: Deadline(), cancellationToken: t), token);
                        Interlocked.Increment(ref created);
                    }
                    catch (RpcException exception) when (exception.StatusCode == StatusCode.AlreadyExists)
                    {
                        await RateLimitRetry.ExecuteAsync(async t =>
                            await client.Indicators.UpdateOrgUnitAsync(new UpdateOrgUnitRequest { OrgUnit = message, UpdateMask = new FieldMask() },
                                deadline: Deadline(), cancellationToken: t), token);
                        Interlocked.Increment(ref updated);
                    }
                });
            }
        }
        catch (RpcException exception)
        {
            error.WriteLine($"Refused: {Refusal.Describe(exception)}");
            return AdminExitCodes.Failed;
        }
        output.WriteLine($"{units.Count} org units from {Path.GetFileName(file)}: {created} created, {updated} updated.");
        return AdminExitCodes.Ok;
    }

    private static DateTime Deadline() => DateTime.UtcNow + CallDeadline;
}
