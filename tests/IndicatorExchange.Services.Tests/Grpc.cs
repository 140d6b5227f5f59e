using Google.Rpc;
using Grpc.Core;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;

namespace IndicatorExchange.Services.Tests;

/// <summary>Small helpers for building requests and reading errors in tests.</summary>
public static class Grpc
{
    public static FigureInput Figure(string indicator, string value, string unit, string? growth = null,
        FigureStatus status = FigureStatus.Reported) => new()
    {
        Indicator = indicator,
        Quantity = new Quantity { Value = new Contracts.Common.V1.Decimal { Value = value }, Unit = unit },
        YoyGrowthPct = growth is null ? null : new Contracts.Common.V1.Decimal { Value = growth },
        Status = status,
    };

    public static SubmitFiguresRequest Batch(string orgUnit, string period, params FigureInput[] figures)
    {
        var request = new SubmitFiguresRequest { OrgUnit = orgUnit, Period = period };
        request.Figures.AddRange(figures);
        return request;
    }

    /// <summary>The BadRequest field violations of an error, as (field, reason) pairs.</summary>
    public static IReadOnlyList<(string Field, string Reason)> Violations(RpcException exception) =>
        exception.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => (v.Field, v.Reason)).ToList() ?? [];

    public static string? Reason(RpcException exception) => exception.GetRpcStatus()?.GetDetail<ErrorInfo>()?.Reason;

    /// <summary>Reads a summary once the aggregator has applied the change feed up to <paramref name="sequence"/>.</summary>
    public static async Task<Summary> SummaryAfterAsync(AggregationService.AggregationServiceClient client, GetSummaryRequest request, long sequence)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var summary = (await client.GetSummaryAsync(request, deadline: DateTime.UtcNow.AddSeconds(10))).Summary;
            if (summary.AsOfSequence >= sequence)
            {
                return summary;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The aggregator reached sequence {summary.AsOfSequence}, not {sequence}, within 20 s.");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// A summary once the aggregator has applied the change feed up to <paramref name="sequence"/> and the target feed up to
    /// <paramref name="targetSequence"/> (it follows the two apart, and a summary carries the target position it reflects).
    /// </summary>
    public static async Task<Summary> SummaryAfterAsync(AggregationService.AggregationServiceClient client, GetSummaryRequest request, long sequence, long targetSequence)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var summary = await SummaryAfterAsync(client, request, sequence);
            if (summary.TargetsAsOfSequence >= targetSequence)
            {
                return summary;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The aggregator reached target sequence {summary.TargetsAsOfSequence}, not {targetSequence}, within 30 s.");
            }
            await Task.Delay(50);
        }
    }

    public static SummaryRow Row(Summary summary, string indicator) =>
        summary.Rows.SingleOrDefault(r => r.Indicator == indicator) ?? throw new Xunit.Sdk.XunitException($"No row for {indicator}");
}

/// <summary>Reading the indicator service's state in tests.</summary>
public static class Figures
{
    public static async Task<List<Figure>> ListAllAsync(IndicatorService.IndicatorServiceClient client, string orgUnit = "", string period = "")
    {
        var all = new List<Figure>();
        var token = "";
        do
        {
            var page = await client.ListFiguresAsync(new ListFiguresRequest { OrgUnit = orgUnit, Period = period, PageSize = 1000, PageToken = token });
            all.AddRange(page.Figures);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return all;
    }

    /// <summary>The newest change-feed sequence among current figures.</summary>
    public static async Task<long> LatestSequenceAsync(IndicatorService.IndicatorServiceClient client) =>
        (await ListAllAsync(client)).Select(f => f.Sequence).DefaultIfEmpty(0).Max();

    /// <summary>
    /// The whole change feed from the start, in feed order, once it has served the newest revision (the newest current
    /// figure's). Waiting for that, not only for a batch without <c>more_pending</c>: on PostgreSQL the feed holds rows
    /// back while any older transaction on the server is open, and other tests on the shared server hold some open.
    /// </summary>
    public static async Task<List<Change>> ReadWholeFeedAsync(IndicatorService.IndicatorServiceClient client)
    {
        var newest = await LatestSequenceAsync(client);
        if (newest == 0)
        {
            return [];
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = client.WatchChanges(new WatchChangesRequest(), cancellationToken: timeout.Token);
        var changes = new List<Change>();
        var servedNewest = false;
        await foreach (var message in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            changes.AddRange(message.Changes);
            servedNewest |= message.Changes.Any(c => c.Sequence == newest);
            if (servedNewest && !message.MorePending)
            {
                break;
            }
        }
        return changes;
    }
}
