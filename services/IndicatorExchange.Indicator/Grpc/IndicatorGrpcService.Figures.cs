using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.ServiceDefaults.Paging;

namespace IndicatorExchange.Indicator.Grpc;

public sealed partial class IndicatorGrpcService
{
    private const int FeedBatchSize = 500;
    private static readonly TimeSpan FeedPollInterval = TimeSpan.FromSeconds(1);

    public override Task<SubmitFiguresResponse> SubmitFigures(SubmitFiguresRequest request, ServerCallContext context) =>
        submitter.SubmitAsync(request, submittedBy: "anonymous", context.CancellationToken);

    public override async Task<ListFiguresResponse> ListFigures(ListFiguresRequest request, ServerCallContext context)
    {
        var afterKey = PageToken.DecodeOrThrow(request.PageToken);
        (string, string, string)? after = null;
        if (afterKey.Length > 0)
        {
            var parts = afterKey.Split('\u001f');
            after = parts.Length == 3 ? (parts[0], parts[1], parts[2]) : throw PageToken.Invalid();
        }
        var size = PageToken.Size(request.PageSize);
        var rows = await figures.ListCurrentAsync(new FigureQuery(
            NullIfEmpty(request.OrgUnit), NullIfEmpty(request.Period), request.Indicators.ToList(), after, size + 1), context.CancellationToken);
        var response = new ListFiguresResponse { Figures = { rows.Take(size).Select(f => f.ToProto()) } };
        if (rows.Count > size)
        {
            var last = rows[size - 1];
            response.NextPageToken = PageToken.Encode($"{last.OrgUnit}\u001f{last.Period}\u001f{last.Indicator}");
        }
        return response;
    }

    public override async Task WatchChanges(WatchChangesRequest request, IServerStreamWriter<WatchChangesResponse> responseStream, ServerCallContext context)
    {
        var after = request.AfterSequence;
        var cancellationToken = context.CancellationToken;
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = changes.Next;
            var batch = await figures.ReadChangesAsync(after, FeedBatchSize, cancellationToken);
            if (batch.Count > 0)
            {
                var message = new WatchChangesResponse();
                message.Changes.AddRange(batch.Select(f => new Change { Sequence = f.Sequence, Figure = f.ToProto() }));
                await responseStream.WriteAsync(message, cancellationToken);
                after = batch[^1].Sequence;
                continue;
            }
            try
            {
                await next.WaitAsync(FeedPollInterval, cancellationToken);
            }
            catch (TimeoutException)
            {
                // Poll: another process may have written.
            }
        }
    }
}
