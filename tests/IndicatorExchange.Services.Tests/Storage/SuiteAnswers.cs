using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using IndicatorExchange.Contracts.Access.V1;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// What a suite answers about its data, as text to compare between two suites (an original and one restored from its
/// backup, or copied to another engine): every target of a year, every figure of a period, the prefecture's summary of
/// that period, audit records, a figure's history and the whole change feed and target feed.
/// </summary>
public static class SuiteAnswers
{
    public const string Prefecture = "654000";

    /// <summary>Every target of <paramref name="year"/>, page by page, one JSON line each.</summary>
    public static async Task<string> TargetsAsync(GrpcChannel channel, int year)
    {
        var client = new TargetService.TargetServiceClient(channel);
        var lines = new List<string>();
        var token = "";
        do
        {
            var page = await client.ListTargetsAsync(new ListTargetsRequest { Year = year, PageSize = 50, PageToken = token });
            lines.AddRange(page.Targets.Select(t => JsonFormatter.Default.Format(t)));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return string.Join('\n', lines);
    }

    /// <summary>Every figure of <paramref name="period"/>, page by page, one JSON line each.</summary>
    public static async Task<string> FiguresAsync(GrpcChannel channel, string period)
    {
        var client = new IndicatorService.IndicatorServiceClient(channel);
        var lines = new List<string>();
        var token = "";
        do
        {
            var page = await client.ListFiguresAsync(new ListFiguresRequest { Period = period, PageSize = 50, PageToken = token });
            lines.AddRange(page.Figures.Select(f => JsonFormatter.Default.Format(f)));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return string.Join('\n', lines);
    }

    /// <summary>The audit records of one method, newest first (the first page of up to 1000).</summary>
    public static async Task<string> AuditAsync(GrpcChannel channel, string method)
    {
        var records = await new AccessService.AccessServiceClient(channel).ListAuditRecordsAsync(new ListAuditRecordsRequest { Method = method, PageSize = 1000 });
        return string.Join('\n', records.Records.Select(r => JsonFormatter.Default.Format(r)));
    }

    /// <summary>
    /// The prefecture's summary of <paramref name="period"/> once both aggregators agree on it (each catches up with its
    /// own change feed), without the feed position, which later writes of other periods move; fails after 30 s.
    /// </summary>
    public static async Task<(string Original, string Restored)> SummariesAsync(GrpcChannel original, GrpcChannel restored, string period)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var answers = (await SummaryAsync(original, period), await SummaryAsync(restored, period));
            if ((answers.Item1 == answers.Item2 && answers.Item1.Contains("\"total\"", StringComparison.Ordinal)) || DateTime.UtcNow > deadline)
            {
                return answers;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// The prefecture's summary of <paramref name="period"/> (without the feed position) once it equals
    /// <paramref name="expected"/>, an answer taken earlier (of a suite since stopped), or the last answer after 60 s: an
    /// aggregator rebuilding from the feeds gets there in its time.
    /// </summary>
    public static async Task<string> SummaryReachingAsync(GrpcChannel channel, string period, string expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var answer = await SummaryAsync(channel, period);
            if (answer == expected || DateTime.UtcNow > deadline)
            {
                return answer;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The prefecture's summary of <paramref name="period"/>, without the feed position.</summary>
    public static Task<string> SummaryOfAsync(GrpcChannel channel, string period) => SummaryAsync(channel, period);

    /// <summary>Every revision of one figure, page by page, one JSON line each.</summary>
    public static async Task<string> HistoryAsync(GrpcChannel channel, string orgUnit, string period, string indicator)
    {
        var client = new IndicatorService.IndicatorServiceClient(channel);
        var lines = new List<string>();
        var token = "";
        do
        {
            var page = await client.GetFigureHistoryAsync(new GetFigureHistoryRequest
            {
                OrgUnit = orgUnit, Period = period, Indicator = indicator, PageSize = 50, PageToken = token,
            });
            lines.AddRange(page.Revisions.Select(r => JsonFormatter.Default.Format(r)));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return string.Join('\n', lines);
    }

    /// <summary>The whole change feed from the start, one JSON line per change (<see cref="Figures.ReadWholeFeedAsync"/>).</summary>
    public static async Task<string> FeedAsync(GrpcChannel channel) =>
        string.Join('\n', (await Figures.ReadWholeFeedAsync(new IndicatorService.IndicatorServiceClient(channel))).Select(c => JsonFormatter.Default.Format(c)));

    /// <summary>
    /// The target feed from the start (WatchTargets from 0) up to the revision numbered <paramref name="lastSequence"/>
    /// (the feed says nothing of what is pending), one JSON line per revision; fails after 30 s.
    /// </summary>
    public static async Task<string> TargetFeedAsync(GrpcChannel channel, long lastSequence)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = new TargetService.TargetServiceClient(channel).WatchTargets(new WatchTargetsRequest(), cancellationToken: timeout.Token);
        var lines = new List<string>();
        await foreach (var message in call.ResponseStream.ReadAllAsync(timeout.Token))
        {
            lines.AddRange(message.Targets.Select(t => JsonFormatter.Default.Format(t)));
            if (message.Targets.Any(t => t.Sequence == lastSequence))
            {
                break;
            }
        }
        return string.Join('\n', lines);
    }

    /// <summary>The whole audit trail, newest first, page by page, one JSON line per record.</summary>
    public static async Task<string> AuditTrailAsync(GrpcChannel channel)
    {
        var client = new AccessService.AccessServiceClient(channel);
        var lines = new List<string>();
        var token = "";
        do
        {
            var page = await client.ListAuditRecordsAsync(new ListAuditRecordsRequest { PageSize = 1000, PageToken = token });
            lines.AddRange(page.Records.Select(r => JsonFormatter.Default.Format(r)));
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return string.Join('\n', lines);
    }

    private static async Task<string> SummaryAsync(GrpcChannel channel, string period)
    {
        var summary = (await new AggregationService.AggregationServiceClient(channel)
            .GetSummaryAsync(new GetSummaryRequest { OrgUnit = Prefecture, Period = period })).Summary;
        summary.AsOfSequence = 0;
        return JsonFormatter.Default.Format(summary);
    }
}
