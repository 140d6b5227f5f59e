using Google.Protobuf;
using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Indicator.Messages;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.Indicator.Submissions;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Feeds;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.ServiceDefaults.Paging;
using IndicatorExchange.ServiceDefaults.Security;
using IndicatorExchange.ServiceDefaults.Validation;

namespace IndicatorExchange.Indicator.Grpc;

internal sealed partial class IndicatorGrpcService
{
    public override Task<SubmitFiguresResponse> SubmitFigures(SubmitFiguresRequest request, ServerCallContext context)
    {
        var maxFigures = limits.CurrentValue.MaxFiguresPerBatch;
        if (request.Figures.Count > maxFigures)
        {
            throw TooMany("figures", maxFigures, "SubmitFigures batch (Limits:MaxFiguresPerBatch); send it with UploadFigures or split it");
        }
        return submitter.SubmitAsync(request, submittedBy: context.Caller().Signature, context.CancellationToken);
    }

    private static RpcException TooMany(string field, int limit, string what) => GrpcErrors.ResourceExhausted("BATCH_TOO_LARGE",
        IndicatorMessages.BatchTooLarge(limit, what), [new FieldProblem(field, "BATCH_TOO_LARGE", IndicatorMessages.BatchTooLargeField(limit))]);

    public override async Task<UploadFiguresResponse> UploadFigures(IAsyncStreamReader<UploadFiguresRequest> requestStream, ServerCallContext context)
    {
        UploadHeader? header = null;
        var parts = new List<FigureSubmitter.Part>();
        var figureCount = 0;
        var maxUploadFigures = limits.CurrentValue.MaxFiguresPerUpload;
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        await foreach (var message in requestStream.ReadAllAsync(context.CancellationToken))
        {
            switch (message.PartCase)
            {
                case UploadFiguresRequest.PartOneofCase.Header when header is null && parts.Count == 0:
                    header = message.Header;
                    break;
                case UploadFiguresRequest.PartOneofCase.Batch when header is not null:
                    figureCount += message.Batch.Figures.Count;
                    if (figureCount > maxUploadFigures)
                    {
                        throw TooMany($"batches[{parts.Count}]", maxUploadFigures, "upload (Limits:MaxFiguresPerUpload); split it");
                    }
                    hash.AppendData(message.Batch.ToByteArray());
                    parts.Add(new FigureSubmitter.Part(message.Batch.OrgUnit, message.Batch.Period, message.Batch.Figures));
                    break;
                default:
                    throw GrpcErrors.InvalidArgument("header", "HEADER_FIRST", IndicatorMessages.UploadHeaderFirst);
            }
        }
        if (header is null)
        {
            throw GrpcErrors.InvalidArgument("header", "HEADER_FIRST", IndicatorMessages.UploadWithoutHeader);
        }
        if (parts.Count == 0)
        {
            throw GrpcErrors.InvalidArgument("batches", "EMPTY_BATCH", IndicatorMessages.UploadWithoutBatches);
        }
        return await submitter.UploadAsync(header, parts, hash.GetHashAndReset(), submittedBy: context.Caller().Signature, context.CancellationToken);
    }

    public override async Task<GetFigureHistoryResponse> GetFigureHistory(GetFigureHistoryRequest request, ServerCallContext context)
    {
        var revisions = await figures.HistoryAsync(request.OrgUnit, request.Period, request.Indicator, context.CancellationToken);
        if (revisions.Count == 0)
        {
            throw GrpcErrors.NotFound("FIGURE_NOT_FOUND", IndicatorMessages.FigureNeverSubmitted(request.Indicator, request.OrgUnit, request.Period));
        }
        var (page, next) = PageToken.History(revisions, r => r.Revision, request.PageToken, request.PageSize, r => r.ToProto());
        return new GetFigureHistoryResponse { Revisions = { page }, NextPageToken = next };
    }

    public override async Task<ListFigureRevisionsResponse> ListFigureRevisions(ListFigureRevisionsRequest request, ServerCallContext context)
    {
        var afterKey = PageToken.DecodeOrThrow(request.PageToken);
        var afterSequence = afterKey.Length == 0 ? 0 : long.TryParse(afterKey, out var s) ? s : throw PageToken.Invalid();
        var size = PageToken.Size(request.PageSize);
        var filter = new RevisionFilter(WireTime.ReadText(request.ReceivedAfter, "received_after"),
            NullIfEmpty(request.OrgUnit), NullIfEmpty(request.Period));
        var rows = await figures.ReadChangesAsync(afterSequence, size + 1, context.CancellationToken, filter);
        var page = PageToken.Fit(rows, size, r => r.ToProto());
        var response = new ListFigureRevisionsResponse { Revisions = { page } };
        if (rows.Count > page.Count)
        {
            response.NextPageToken = PageToken.Encode(rows[page.Count - 1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return response;
    }

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
        var query = new FigureQuery(NullIfEmpty(request.OrgUnit), NullIfEmpty(request.Period), request.Indicators.ToList(), after, size + 1)
        {
            AsOf = WireTime.ReadText(request.AsOf, "as_of"),
        };
        var rows = await figures.ListCurrentAsync(query, context.CancellationToken);
        var page = PageToken.Fit(rows, size, f => f.ToProto());
        var response = new ListFiguresResponse { Figures = { page } };
        if (rows.Count > page.Count)
        {
            var last = rows[page.Count - 1];
            response.NextPageToken = PageToken.Encode($"{last.OrgUnit}\u001f{last.Period}\u001f{last.Indicator}");
        }
        return response;
    }

    public override Task WatchChanges(WatchChangesRequest request, IServerStreamWriter<WatchChangesResponse> responseStream, ServerCallContext context) =>
        ServerStreams.RunAsync(context, cancellationToken => FeedPump.RunAsync(PageToken.AfterSequence(request.AfterSequence),
            (after, limit, token) => figures.ReadChangesAsync(after, limit, token),
            f => f.Sequence,
            (batch, more) => responseStream.WriteAsync(new WatchChangesResponse
            {
                Changes = { batch.Select(f => new Change { Sequence = f.Sequence, Figure = f.ToProto() }) },
                MorePending = more,
            }),
            () => changes.Next,
            cancellationToken));
}
