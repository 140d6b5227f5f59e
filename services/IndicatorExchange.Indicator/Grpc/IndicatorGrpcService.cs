using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Indicator.Feed;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.Indicator.Submissions;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Paging;

namespace IndicatorExchange.Indicator.Grpc;

/// <summary>The IndicatorService endpoints: reference data, submissions, figures and the change feed.</summary>
public sealed class IndicatorGrpcService(ReferenceData referenceData, IFigureStore figures, FigureSubmitter submitter, ChangeSignal changes)
    : IndicatorService.IndicatorServiceBase
{
    private const int FeedBatchSize = 500;
    private static readonly TimeSpan FeedPollInterval = TimeSpan.FromSeconds(1);

    public override async Task<ListIndicatorsResponse> ListIndicators(ListIndicatorsRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        var (page, next) = Page(reference.Indicators, i => i.Code, request.PageToken, request.PageSize);
        return new ListIndicatorsResponse { Indicators = { page.Select(i => i.ToProto()) }, NextPageToken = next };
    }

    public override async Task<GetIndicatorResponse> GetIndicator(GetIndicatorRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        return reference.IndicatorsByCode.TryGetValue(request.Code, out var indicator)
            ? new GetIndicatorResponse { Indicator = indicator.ToProto() }
            : throw GrpcErrors.NotFound("INDICATOR_NOT_FOUND", $"指标不存在 / indicator '{request.Code}' not found");
    }

    public override async Task<ListOrgUnitsResponse> ListOrgUnits(ListOrgUnitsRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        var units = string.IsNullOrEmpty(request.ParentCode) ? reference.OrgUnits : reference.Tree.ChildrenOf(request.ParentCode);
        var (page, next) = Page(units, u => u.Code, request.PageToken, request.PageSize);
        return new ListOrgUnitsResponse { OrgUnits = { page.Select(u => u.ToProto()) }, NextPageToken = next };
    }

    public override async Task<GetOrgUnitResponse> GetOrgUnit(GetOrgUnitRequest request, ServerCallContext context)
    {
        var reference = await referenceData.GetAsync(context.CancellationToken);
        return reference.Tree.TryGet(request.Code, out var unit)
            ? new GetOrgUnitResponse { OrgUnit = unit.ToProto() }
            : throw GrpcErrors.NotFound("ORG_UNIT_NOT_FOUND", $"单位不存在 / org unit '{request.Code}' not found");
    }

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

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;

    private static (IReadOnlyList<T> Page, string NextToken) Page<T>(IReadOnlyList<T> ordered, Func<T, string> key, string token, int requestedSize)
    {
        var after = PageToken.DecodeOrThrow(token);
        var size = PageToken.Size(requestedSize);
        var remaining = ordered.Where(item => string.CompareOrdinal(key(item), after) > 0).Take(size + 1).ToList();
        var next = remaining.Count > size ? PageToken.Encode(key(remaining[size - 1])) : "";
        return (remaining.Take(size).ToList(), next);
    }
}
