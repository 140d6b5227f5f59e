using Grpc.Core;
using Grpc.Net.Client;
using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Csv;
using IndicatorExchange.Indicator.Grpc;

namespace IndicatorExchange.Host;

/// <summary>
/// <c>indicatorexchange import-org-units FILE.csv [--address=URL]</c>: loads an org-unit tree of any depth from a CSV
/// shaped like org-units-ili.csv (code, name_zh, name_en, level, parent_code; optional valid_from, closed_on,
/// merged_into) into a running indicator service, parents before children. Existing units are updated.
/// </summary>
public static class ImportOrgUnitsCommand
{
    public const string Name = "import-org-units";

    public static async Task<int> RunAsync(string[] args)
    {
        var file = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (file is null || !File.Exists(file))
        {
            Console.Error.WriteLine($"Usage: indicatorexchange {Name} FILE.csv [--address=URL]" + (file is null ? "" : $"\nNo such file: {file}"));
            return 2;
        }
        var address = args.FirstOrDefault(a => a.StartsWith("--address=", StringComparison.Ordinal))?["--address=".Length..]
                      ?? $"http://127.0.0.1:{Modules.AllInOnePort}";
        IReadOnlyList<OrgUnitDefinition> units;
        try
        {
            units = CatalogFiles.ReadOrgUnits(CsvTable.Load(file));
        }
        catch (Exception exception) when (exception is FormatException or KeyNotFoundException)
        {
            Console.Error.WriteLine($"{file}: {exception.Message}");
            return 2;
        }
        using var channel = CommandCredentials.Channel(address, args);
        var client = new IndicatorService.IndicatorServiceClient(channel);
        int created = 0, updated = 0;
        try
        {
            foreach (var unit in ParentsFirst(units))
            {
                var message = unit.ToProto();
                try
                {
                    await client.CreateOrgUnitAsync(new CreateOrgUnitRequest { OrgUnit = message }, deadline: DateTime.UtcNow.AddSeconds(30));
                    created++;
                }
                catch (RpcException exception) when (exception.StatusCode == StatusCode.AlreadyExists)
                {
                    await client.UpdateOrgUnitAsync(new UpdateOrgUnitRequest { OrgUnit = message, UpdateMask = new FieldMask() },
                        deadline: DateTime.UtcNow.AddSeconds(30));
                    updated++;
                }
            }
        }
        catch (RpcException exception)
        {
            Console.Error.WriteLine($"Refused: {exception.Status.StatusCode}: {exception.Status.Detail}");
            return 1;
        }
        Console.WriteLine($"{units.Count} org units from {Path.GetFileName(file)}: {created} created, {updated} updated.");
        return 0;
    }

    /// <summary>Each unit after its parent, so every parent exists when its child is created.</summary>
    private static IEnumerable<OrgUnitDefinition> ParentsFirst(IReadOnlyList<OrgUnitDefinition> units)
    {
        var byCode = units.ToDictionary(u => u.Code, StringComparer.Ordinal);
        int Depth(OrgUnitDefinition unit) =>
            unit.ParentCode is { } parent && byCode.TryGetValue(parent, out var p) && p.Code != unit.Code ? 1 + Depth(p) : 0;
        return units.OrderBy(Depth).ThenBy(u => u.Code, StringComparer.Ordinal);
    }
}
