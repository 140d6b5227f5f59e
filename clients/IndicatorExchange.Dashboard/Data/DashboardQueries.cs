using System.Runtime.CompilerServices;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Dashboard.Data;

/// <summary>Every read the dashboard makes, through the client library (deadlines, retries, token, resumable watches).</summary>
public sealed class DashboardQueries(DashboardClientProvider clients, IOptions<DashboardOptions> options)
{
    private const int PageSize = 1000;

    /// <summary>The dashboard's settings.</summary>
    public DashboardOptions Options => options.Value;

    /// <summary>The summary of a node and period (every indicator with figures, or the configured ones).</summary>
    public Task<Summary> GetSummaryAsync(string orgUnit, string period, CancellationToken cancellationToken = default) =>
        clients.Client.GetSummaryAsync(new GetSummaryRequest { OrgUnit = orgUnit, Period = period, Indicators = { Options.Indicators } }, cancellationToken);

    /// <summary>The summary, then again whenever a submission changes it; the stream re-opens itself after a break.</summary>
    public async IAsyncEnumerable<Summary> WatchSummaryAsync(string orgUnit, string period, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new WatchSummaryRequest { OrgUnit = orgUnit, Period = period, Indicators = { Options.Indicators } };
        await foreach (var summary in clients.Client.WatchSummaryAsync(request, cancellationToken))
        {
            yield return summary;
        }
    }

    /// <summary>One org unit.</summary>
    public async Task<OrgUnit> GetOrgUnitAsync(string code, CancellationToken cancellationToken = default) =>
        (await clients.Client.Indicators.GetOrgUnitAsync(new GetOrgUnitRequest { Code = code }, cancellationToken: cancellationToken)).OrgUnit;

    /// <summary>The direct children of a node, ordered by code.</summary>
    public Task<IReadOnlyList<OrgUnit>> ListChildrenAsync(string code, CancellationToken cancellationToken = default) =>
        clients.Client.ListAllOrgUnitsAsync(code, cancellationToken);

    /// <summary>Every org unit (for the node picker).</summary>
    public Task<IReadOnlyList<OrgUnit>> ListOrgUnitsAsync(CancellationToken cancellationToken = default) =>
        clients.Client.ListAllOrgUnitsAsync("", cancellationToken);

    /// <summary>The catalog (display precision of each indicator).</summary>
    public Task<IReadOnlyList<Indicator>> ListIndicatorsAsync(CancellationToken cancellationToken = default) =>
        clients.Client.ListAllIndicatorsAsync(cancellationToken);

    /// <summary>Every reporting period the prefecture opened.</summary>
    public async Task<IReadOnlyList<ReportingPeriod>> ListPeriodsAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<ReportingPeriod>();
        var token = "";
        do
        {
            var page = await clients.Client.Indicators.ListPeriodsAsync(
                new ListPeriodsRequest { PageSize = PageSize, PageToken = token }, cancellationToken: cancellationToken);
            all.AddRange(page.Periods);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    /// <summary>One indicator of one node over a range of periods.</summary>
    public async Task<ListSeriesResponse> ListSeriesAsync(string orgUnit, string indicator, string fromPeriod, string toPeriod,
        CancellationToken cancellationToken = default) =>
        await clients.Client.Aggregation.ListSeriesAsync(
            new ListSeriesRequest { OrgUnit = orgUnit, Indicator = indicator, FromPeriod = fromPeriod, ToPeriod = toPeriod },
            cancellationToken: cancellationToken);

    /// <summary>The current figures of one org unit for one period.</summary>
    public async Task<IReadOnlyList<Figure>> ListFiguresAsync(string orgUnit, string period, CancellationToken cancellationToken = default)
    {
        var all = new List<Figure>();
        var token = "";
        do
        {
            var page = await clients.Client.Indicators.ListFiguresAsync(
                new ListFiguresRequest { OrgUnit = orgUnit, Period = period, PageSize = PageSize, PageToken = token },
                cancellationToken: cancellationToken);
            all.AddRange(page.Figures);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    /// <summary>Every revision of one figure, oldest first.</summary>
    public Task<IReadOnlyList<Figure>> GetFigureHistoryAsync(string orgUnit, string period, string indicator,
        CancellationToken cancellationToken = default) =>
        clients.Client.GetFigureHistoryAsync(orgUnit, period, indicator, cancellationToken);

    /// <summary>
    /// The configured default period, else the latest annual period (this year back ten years) whose summary has rows,
    /// else last year.
    /// </summary>
    public async Task<string> DefaultPeriodAsync(string orgUnit, CancellationToken cancellationToken = default)
    {
        if (!string.IsNullOrWhiteSpace(Options.DefaultPeriod))
        {
            return Options.DefaultPeriod;
        }
        var year = DateTime.UtcNow.Year;
        for (var candidate = year; candidate >= year - 10; candidate--)
        {
            var summary = await GetSummaryAsync(orgUnit, candidate.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
            if (summary.Rows.Count > 0)
            {
                return summary.Period;
            }
        }
        return (year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
