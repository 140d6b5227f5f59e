using System.Globalization;
using Grpc.Core;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.ServiceDefaults.Paging;
using IndicatorExchange.Target.Storage;
using IndicatorExchange.Target.Submissions;

namespace IndicatorExchange.Target.Grpc;

/// <summary>The TargetService endpoints: setting targets and listing their current revisions.</summary>
public sealed class TargetGrpcService(ITargetStore targets, TargetSetter setter) : TargetService.TargetServiceBase
{
    private const char KeySeparator = '\u001f';

    public override Task<SetTargetsResponse> SetTargets(SetTargetsRequest request, ServerCallContext context) =>
        setter.SetAsync(request, setBy: "anonymous", context.CancellationToken);

    public override async Task<ListTargetsResponse> ListTargets(ListTargetsRequest request, ServerCallContext context)
    {
        var after = DecodeKey(PageToken.DecodeOrThrow(request.PageToken));
        var size = PageToken.Size(request.PageSize);
        var rows = await targets.ListCurrentAsync(new TargetQuery(
            NullIfEmpty(request.OrgUnit), NullIfEmpty(request.Indicator), request.Year == 0 ? null : request.Year, after, size + 1),
            context.CancellationToken);
        var response = new ListTargetsResponse { Targets = { rows.Take(size).Select(t => t.ToProto()) } };
        if (rows.Count > size)
        {
            response.NextPageToken = PageToken.Encode(EncodeKey(rows[size - 1].Key));
        }
        return response;
    }

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
