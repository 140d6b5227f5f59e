using System.CommandLine;
using Grpc.Core;
using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Csv;
using IndicatorExchange.Host.CommandLine;

namespace IndicatorExchange.Host;

/// <summary>
/// <c>indicatorexchange import-org-units FILE.csv [--address URL]</c>: loads an org-unit tree of any depth from a CSV
/// shaped like org-units-ili.csv (code, name_zh, name_en, level, parent_code; optional valid_from, closed_on,
/// merged_into) into a running indicator service, parents before children. Existing units are updated.
/// </summary>
public static class ImportOrgUnitsCommand
{
    public const string Name = "import-org-units";

    public static Command Build()
    {
        var admin = new AdminOptions();
        var file = ImportFile.Argument("A CSV shaped like org-units-ili.csv (code, name_zh, name_en, level, parent_code)");
        var command = new Command(Name, "Load an org-unit tree from a CSV into a running indicator service (parents first)") { file };
        admin.AddTo(command);
        command.SetAction((parse, _) => RunAsync(parse, admin, parse.GetValue(file)!.FullName));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, AdminOptions admin, string file)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        IReadOnlyList<OrgUnitDefinition> units;
        try
        {
            units = CatalogFiles.ReadOrgUnits(CsvTable.Load(file));
        }
        catch (Exception exception) when (exception is FormatException or KeyNotFoundException)
        {
            error.WriteLine($"{file}: {exception.Message}");
            return HostExitCodes.Usage;
        }
        using var channel = admin.Channel(parse, parse.GetValue(admin.Address)!);
        var client = new IndicatorService.IndicatorServiceClient(channel);
        int created = 0, updated = 0;
        try
        {
            // A level at a time (every parent exists before its children are sent), several calls in flight within it:
            // each call is one durable transaction, and sent one after another they spent most of their time waiting.
            foreach (var level in ByDepth(units))
            {
                await Parallel.ForEachAsync(level, new ParallelOptions { MaxDegreeOfParallelism = CallsInFlight }, async (unit, _) =>
                {
                    var message = unit.ToProto();
                    try
                    {
                        await RateLimitRetry.Pipeline.ExecuteAsync(async _ =>
                            await client.CreateOrgUnitAsync(new CreateOrgUnitRequest { OrgUnit = message }, deadline: Deadline()));
                        Interlocked.Increment(ref created);
                    }
                    catch (RpcException exception) when (exception.StatusCode == StatusCode.AlreadyExists)
                    {
                        await RateLimitRetry.Pipeline.ExecuteAsync(async _ =>
                            await client.UpdateOrgUnitAsync(new UpdateOrgUnitRequest { OrgUnit = message, UpdateMask = new FieldMask() }, deadline: Deadline()));
                        Interlocked.Increment(ref updated);
                    }
                });
            }
        }
        catch (RpcException exception)
        {
            error.WriteLine($"Refused: {exception.Status.StatusCode}: {exception.Status.Detail}");
            return HostExitCodes.Failed;
        }
        output.WriteLine($"{units.Count} org units from {Path.GetFileName(file)}: {created} created, {updated} updated.");
        return HostExitCodes.Ok;
    }

    private const int CallsInFlight = 8;

    /// <summary>Each attempt of a call, retries included, gets its own 30 s.</summary>
    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);

    /// <summary>The units by their depth in the file's tree, roots first, so every parent exists when its child is created.</summary>
    private static IEnumerable<IReadOnlyList<OrgUnitDefinition>> ByDepth(IReadOnlyList<OrgUnitDefinition> units)
    {
        var byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        var depths = new Dictionary<string, int>(StringComparer.Ordinal);
        int Depth(OrgUnitDefinition unit)
        {
            if (!depths.TryGetValue(unit.Code, out var depth))
            {
                // A parent outside the file is taken as existing already; a cycle within it stops at the unit itself.
                depths[unit.Code] = 0;
                depth = unit.ParentCode is { } parent && byCode.TryGetValue(parent, out var p) && p.Code != unit.Code ? 1 + Depth(p) : 0;
                depths[unit.Code] = depth;
            }
            return depth;
        }
        return units.GroupBy(Depth).OrderBy(g => g.Key).Select(g => (IReadOnlyList<OrgUnitDefinition>)g.OrderBy(u => u.Code, StringComparer.Ordinal).ToList());
    }
}
