using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Csv;

namespace IndicatorExchange.EndToEnd.Tests;

/// <summary>What a county system does: read its figures from a file and submit one batch per county and period.</summary>
public static class CountyPush
{
    public static async Task<(int Created, int Unchanged, long LastSequence)> PushSeedFiguresAsync(IndicatorService.IndicatorServiceClient client, string requestPrefix)
    {
        var catalog = (await client.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 1000 }, deadline: Deadline())).Indicators
            .ToDictionary(i => i.NameZh, i => i.Code);
        var rows = CsvTable.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "seed-figures-2022.csv"))).Rows;
        int created = 0, unchanged = 0;
        long lastSequence = 0;
        foreach (var batch in rows.GroupBy(r => (Org: r["org_code"], Period: r["period"])))
        {
            var request = new SubmitFiguresRequest
            {
                RequestId = $"{requestPrefix}-{batch.Key.Org}-{batch.Key.Period}",
                OrgUnit = batch.Key.Org,
                Period = batch.Key.Period,
            };
            request.Figures.AddRange(batch.Select(row => new FigureInput
            {
                Indicator = catalog[row["indicator_name_zh"]],
                Quantity = new Quantity { Value = new Contracts.Common.V1.Decimal { Value = row["value"] }, Unit = row["unit"] },
                YoyGrowthPct = row.Optional("yoy_growth_pct") is { } g ? new Contracts.Common.V1.Decimal { Value = g } : null,
                Status = FigureStatus.Preliminary,
                Note = row.Optional("remark") ?? "",
            }));
            var response = await client.SubmitFiguresAsync(request, deadline: Deadline());
            created += response.Summary.Created;
            unchanged += response.Summary.Unchanged;
            lastSequence = Math.Max(lastSequence, response.LastSequence);
        }
        return (created, unchanged, lastSequence);
    }

    private static DateTime Deadline() => DateTime.UtcNow.AddSeconds(30);
}
