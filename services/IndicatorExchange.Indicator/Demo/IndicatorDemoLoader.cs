using Grpc.Core;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.Domain.Csv;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Indicator.Catalog;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.Indicator.Submissions;
using IndicatorExchange.ServiceDefaults.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PeriodKind = IndicatorExchange.Domain.Periods.PeriodKind;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Indicator.Demo;

/// <summary>
/// With --demo: loads the Ili org units and the demo catalog, then (unless --demo=reference) submits the two counties' 2022
/// figures through the same path as any client (idempotent request ids, so restarts change nothing).
/// Runs before the server accepts calls.
/// </summary>
internal sealed class IndicatorDemoLoader(
    IOptions<SuiteOptions> options, ReferenceData referenceData, FigureSubmitter submitter, TimeProvider clock, ILogger<IndicatorDemoLoader> logger)
    : IHostedService
{
    private const int FirstDemoYear = 2019;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.LoadsDemoReference)
        {
            return;
        }
        var folder = options.Value.DemoDataDirectory;
        var indicators = CatalogFiles.ReadIndicators(CsvTable.Parse(File.ReadAllText(Path.Combine(folder, "catalog.csv"))));
        var orgUnits = CatalogFiles.ReadOrgUnits(CsvTable.Parse(File.ReadAllText(Path.Combine(folder, "org-units-ili.csv"))));
        await referenceData.ImportAsync(indicators, orgUnits, cancellationToken);
        var opened = await OpenDemoPeriodsAsync(cancellationToken);
        logger.LogInformation("Demo reference data loaded: {Indicators} indicators, {OrgUnits} org units, {Periods} periods opened",
            indicators.Count, orgUnits.Count, opened);
        if (!options.Value.LoadsDemoData)
        {
            return;
        }

        var byName = indicators.ToDictionary(i => i.NameZh, StringComparer.Ordinal);
        var figures = CsvTable.Parse(File.ReadAllText(Path.Combine(folder, "seed-figures-2022.csv")));
        var (created, updated, unchanged) = (0, 0, 0);
        foreach (var batch in figures.Rows.GroupBy(r => (Org: r["org_code"], Period: r["period"])))
        {
            var request = new SubmitFiguresRequest { RequestId = $"demo-{batch.Key.Org}-{batch.Key.Period}", OrgUnit = batch.Key.Org, Period = batch.Key.Period };
            request.Figures.AddRange(batch.Select(row => ToInput(row, byName)));
            try
            {
                var (response, replayed) = await submitter.SubmitWithOutcomeAsync(request, "demo", cancellationToken);
                if (replayed)
                {
                    // The answer is the first load's, repeated for its request id: this start wrote nothing.
                    unchanged += request.Figures.Count;
                    logger.LogInformation("Demo figures for {OrgUnit} {Period}: 0 created, 0 updated, {Unchanged} unchanged (request {RequestId} was applied before; nothing written)",
                        batch.Key.Org, batch.Key.Period, request.Figures.Count, request.RequestId);
                    continue;
                }
                (created, updated, unchanged) = (created + response.Summary.Created, updated + response.Summary.Updated, unchanged + response.Summary.Unchanged);
                logger.LogInformation("Demo figures for {OrgUnit} {Period}: {Created} created, {Updated} updated, {Unchanged} unchanged",
                    batch.Key.Org, batch.Key.Period, response.Summary.Created, response.Summary.Updated, response.Summary.Unchanged);
            }
            catch (RpcException exception) when (exception.StatusCode == StatusCode.AlreadyExists)
            {
                logger.LogWarning("Demo figures for {OrgUnit} {Period} were changed since they were loaded; left as they are", batch.Key.Org, batch.Key.Period);
            }
        }
        logger.LogInformation("Demo figures: {Figures} rows, {Created} created, {Updated} updated, {Unchanged} unchanged",
            figures.Rows.Count, created, updated, unchanged);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Opens every year, quarter and month from 2019 to the current year that was never opened, with the default deadline.</summary>
    private async Task<int> OpenDemoPeriodsAsync(CancellationToken cancellationToken)
    {
        var known = (await referenceData.GetAsync(cancellationToken)).Periods;
        var now = clock.GetUtcNow();
        var periods = Enumerable.Range(FirstDemoYear, now.Year - FirstDemoYear + 1).SelectMany(year =>
            new[] { new Period(year, PeriodKind.Annual, 0) }
                .Concat(Enumerable.Range(1, 4).Select(q => new Period(year, PeriodKind.Quarterly, q)))
                .Concat(Enumerable.Range(1, 12).Select(m => new Period(year, PeriodKind.Monthly, m))))
            .Where(p => !known.ContainsKey(p.ToString()))
            .ToList();
        foreach (var period in periods)
        {
            await referenceData.Store.UpsertPeriodAsync(new PeriodRecord
            {
                Code = period.ToString(),
                State = "open",
                Deadline = ReportingCalendar.DefaultDeadline(period).ToUniversalTime().ToString("O"),
                OpenedAt = now.ToString("O"),
            }, cancellationToken);
        }
        referenceData.Invalidate();
        return periods.Count;
    }

    private static FigureInput ToInput(CsvRow row, IReadOnlyDictionary<string, IndicatorDefinition> byName)
    {
        var name = row["indicator_name_zh"];
        var indicator = byName.TryGetValue(name, out var found)
            ? found
            : throw new InvalidDataException($"seed-figures line {row.Line}: indicator '{name}' is not in the demo catalog");
        return new FigureInput
        {
            Indicator = indicator.Code,
            Quantity = new Quantity { Value = new ProtoDecimal { Value = row["value"] }, Unit = row["unit"] },
            YoyGrowthPct = row.Optional("yoy_growth_pct") is { } growth ? new ProtoDecimal { Value = growth } : null,
            Status = row["status"] == "estimated" ? FigureStatus.Preliminary : FigureStatus.Reported,
            Note = row.Optional("remark") ?? "",
        };
    }
}
