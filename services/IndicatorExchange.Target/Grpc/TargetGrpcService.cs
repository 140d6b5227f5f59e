using System.Globalization;
using Grpc.Core;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Feeds;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.ServiceDefaults.Paging;
using IndicatorExchange.ServiceDefaults.Security;
using IndicatorExchange.ServiceDefaults.Validation;
using IndicatorExchange.Target.Feed;
using IndicatorExchange.Target.Messages;
using IndicatorExchange.Target.Storage;
using IndicatorExchange.Target.Submissions;

namespace IndicatorExchange.Target.Grpc;

/// <summary>The TargetService endpoints: setting targets and listing their current revisions.</summary>
internal sealed class TargetGrpcService(ITargetStore targets, TargetSetter setter, TargetSignal signal) : TargetService.TargetServiceBase
{
    private const char KeySeparator = '\u001f';

    public override Task<SetTargetsResponse> SetTargets(SetTargetsRequest request, ServerCallContext context) =>
        setter.SetAsync(request, setBy: context.Caller().Signature, context.CancellationToken);

    public override async Task<ListTargetsResponse> ListTargets(ListTargetsRequest request, ServerCallContext context)
    {
        var after = DecodeKey(PageToken.DecodeOrThrow(request.PageToken));
        var size = PageToken.Size(request.PageSize);
        var query = new TargetQuery(NullIfEmpty(request.OrgUnit), NullIfEmpty(request.Indicator), request.Year == 0 ? null : request.Year, after, size + 1)
        {
            AsOf = WireTime.ReadText(request.AsOf, "as_of"),
        };
        var rows = await targets.ListCurrentAsync(query, context.CancellationToken);
        var page = PageToken.Fit(rows, size, t => t.ToProto());
        var response = new ListTargetsResponse { Targets = { page } };
        if (rows.Count > page.Count)
        {
            response.NextPageToken = PageToken.Encode(EncodeKey(rows[page.Count - 1].Key));
        }
        return response;
    }

    public override async Task<GetTargetHistoryResponse> GetTargetHistory(GetTargetHistoryRequest request, ServerCallContext context)
    {
        var revisions = TargetKinds.IsKnown(request.Kind)
            ? await targets.HistoryAsync(new TargetKey(request.OrgUnit, request.Indicator, request.Year, TargetKinds.Name(request.Kind)), context.CancellationToken)
            : [];
        if (revisions.Count == 0)
        {
            throw GrpcErrors.NotFound("TARGET_NOT_FOUND", TargetMessages.TargetNeverSet(request.Kind, request.Indicator, request.OrgUnit, request.Year));
        }
        var (page, next) = PageToken.History(revisions, r => r.Revision, request.PageToken, request.PageSize, r => r.ToProto());
        return new GetTargetHistoryResponse { Revisions = { page }, NextPageToken = next };
    }

    public override Task WatchTargets(WatchTargetsRequest request, IServerStreamWriter<WatchTargetsResponse> responseStream, ServerCallContext context) =>
        ServerStreams.RunAsync(context, cancellationToken => FeedPump.RunAsync(PageToken.AfterSequence(request.AfterSequence),
            (after, limit, token) => targets.ReadChangesAsync(after, limit, token),
            t => t.Sequence,
            (batch, _) => responseStream.WriteAsync(new WatchTargetsResponse { Targets = { batch.Select(t => t.ToProto()) } }),
            () => signal.Next,
            cancellationToken,
            // A target carries a note and a reason of up to 2,000 characters each: 500 of them could pass 4 MB.
            sizeOf: t => t.ToProto().CalculateSize()));

    private static string EncodeKey(TargetKey key) =>
        string.Join(KeySeparator, key.OrgUnit, key.Indicator, key.Year.ToString(CultureInfo.InvariantCulture), key.Kind);

    private static TargetKey? DecodeKey(string afterKey)
    {
        if (afterKey.Length == 0)
        {
            return null;
        }
        var parts = afterKey.Split(KeySeparator);
        return parts.Length == 4 && int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            ? new TargetKey(parts[0], parts[1], year, parts[3])
            : throw PageToken.Invalid();
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
