using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Indicator.Catalog;
using IndicatorExchange.Indicator.Feed;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.Indicator.Submissions;
using IndicatorExchange.ServiceDefaults.Paging;

namespace IndicatorExchange.Indicator.Grpc;

/// <summary>
/// The IndicatorService endpoints, one file per area: the catalog and org units
/// (<c>.Catalog.cs</c>), reporting periods (<c>.Periods.cs</c>), figures, history and the change feed
/// (<c>.Figures.cs</c>).
/// </summary>
internal sealed partial class IndicatorGrpcService(
    ReferenceData referenceData, IFigureStore figures, FigureSubmitter submitter, ChangeSignal changes, TimeProvider clock,
    Microsoft.Extensions.Options.IOptionsMonitor<ServiceDefaults.Security.Limits.LimitOptions> limits)
    : IndicatorService.IndicatorServiceBase
{
    private static (IReadOnlyList<TProto> Page, string NextToken) Page<T, TProto>(IReadOnlyList<T> ordered, Func<T, string> key,
        string token, int requestedSize, Func<T, TProto> toProto)
        where TProto : Google.Protobuf.IMessage
    {
        var after = PageToken.DecodeOrThrow(token);
        var size = PageToken.Size(requestedSize);
        var remaining = ordered.Where(item => string.CompareOrdinal(key(item), after) > 0).Take(size + 1).ToList();
        var page = PageToken.Fit(remaining, size, toProto);
        var next = remaining.Count > page.Count ? PageToken.Encode(key(remaining[page.Count - 1])) : "";
        return (page, next);
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
