using System.Globalization;
using Grpc.Core;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Csv;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.Target.Submissions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Target.Demo;

/// <summary>
/// With --demo (not --demo=reference): sets the two counties' 2023 targets through the same path as any client, one batch
/// per org unit and year (idempotent request ids, so restarts change nothing). The demo catalog is
/// read only to turn the Chinese indicator names of the seed file into codes. Runs before the server accepts calls.
/// </summary>
public sealed class TargetDemoLoader(IOptions<SuiteOptions> options, TargetSetter setter, ILogger<TargetDemoLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.LoadsDemoData)
        {
            return;
        }
        var folder = options.Value.DemoDataDirectory;
        var codesByName = CatalogFiles.ReadIndicators(CsvTable.Load(Path.Combine(folder, "catalog.csv")))
            .ToDictionary(i => i.NameZh, i => i.Code, StringComparer.Ordinal);
        var targets = CsvTable.Load(Path.Combine(folder, "seed-targets-2023.csv"));
        foreach (var batch in targets.Rows.GroupBy(r => (Org: r["org_code"], Year: r["year"])))
        {
            var request = new SetTargetsRequest { RequestId = $"demo-targets-{batch.Key.Org}-{batch.Key.Year}" };
            request.Targets.AddRange(batch.Select(row => ToInput(row, codesByName)));
            try
            {
                var response = await setter.SetAsync(request, "demo", cancellationToken);
                logger.LogInformation("Demo targets for {OrgUnit} {Year}: {Created} created, {Updated} updated, {Unchanged} unchanged",
                    batch.Key.Org, batch.Key.Year, response.Summary.Created, response.Summary.Updated, response.Summary.Unchanged);
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.AlreadyExists)
            {
                logger.LogWarning("Demo targets for {OrgUnit} {Year} were changed since they were loaded; left as they are", batch.Key.Org, batch.Key.Year);
            }
        }
        logger.LogInformation("Demo targets loaded: {Targets} targets", targets.Rows.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static TargetInput ToInput(CsvRow row, IReadOnlyDictionary<string, string> codesByName)
    {
        var name = row["indicator_name_zh"];
        var code = codesByName.TryGetValue(name, out var found)
            ? found
            : throw new InvalidDataException($"seed-targets line {row.Line}: indicator '{name}' is not in the demo catalog");
        var kind = TargetKinds.TryParse(row["target_kind"], out var parsed)
            ? parsed
            : throw new InvalidDataException($"seed-targets line {row.Line}: target_kind '{row["target_kind"]}' is not a target kind");
        return new TargetInput
        {
            OrgUnit = row["org_code"],
            Indicator = code,
            Year = int.Parse(row["year"], NumberStyles.None, CultureInfo.InvariantCulture),
            Kind = kind,
            Threshold = new ProtoDecimal { Value = row["value"] },
            Unit = row["unit"],
            Note = row.Optional("remark") ?? "",
        };
    }
}
