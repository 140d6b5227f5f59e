using System.Text;

namespace IndicatorExchange.ServiceDefaults.Paging;

/// <summary>
/// Opaque keyset page tokens: the key of the last item of a page, base64url-encoded.
/// Pages stay correct while items are added, unlike offsets.
/// </summary>
public static class PageToken
{
    public const int DefaultSize = 100;
    public const int MaxSize = 1000;

    /// <summary>
    /// Largest list answer, in serialised bytes: under the 4 MB a gRPC client receives by default, with room to spare.
    /// A page ends early (with a next_page_token) rather than exceed it.
    /// </summary>
    public const int MaxPageBytes = 3 * 1024 * 1024;

    /// <summary>
    /// The first items of <paramref name="rows"/> as messages, at most <paramref name="size"/> and together at most
    /// <see cref="MaxPageBytes"/> (always at least one). The page is complete when as many are taken as there are rows.
    /// </summary>
    public static List<TProto> Fit<TRow, TProto>(IReadOnlyList<TRow> rows, int size, Func<TRow, TProto> toProto)
        where TProto : Google.Protobuf.IMessage
    {
        var page = new List<TProto>(Math.Min(rows.Count, size));
        var bytes = 0;
        foreach (var row in rows)
        {
            if (page.Count == size)
            {
                break;
            }
            var message = toProto(row);
            // Tag and length prefix of a repeated message field: at most 6 bytes.
            bytes += message.CalculateSize() + 6;
            if (page.Count > 0 && bytes > MaxPageBytes)
            {
                break;
            }
            page.Add(message);
        }
        return page;
    }

    /// <summary>
    /// The page size to use: 0 means <see cref="DefaultSize"/>, above <see cref="MaxSize"/> means the maximum, a negative
    /// size is refused with INVALID_ARGUMENT on page_size (AIP-158).
    /// </summary>
    public static int Size(int requested) => requested switch
    {
        < 0 => throw Errors.GrpcErrors.InvalidArgument("page_size", "INVALID_PAGE_SIZE",
            $"page_size 不能为负数 / page_size must be 0 (the default, {DefaultSize}) or positive (at most {MaxSize} are returned); got {requested}"),
        0 => DefaultSize,
        _ => Math.Min(requested, MaxSize),
    };

    /// <summary>A feed position a consumer resumes after: 0 or positive, otherwise INVALID_ARGUMENT on after_sequence.</summary>
    public static long AfterSequence(long requested) => requested >= 0 ? requested
        : throw Errors.GrpcErrors.InvalidArgument("after_sequence", "INVALID_SEQUENCE",
            $"after_sequence 不能为负数 / after_sequence must be 0 (from the beginning) or a sequence number already received; got {requested}");

    /// <summary>
    /// A page of a history (revisions numbered 1, 2, … oldest first) after the revision <paramref name="token"/> names:
    /// at most <paramref name="requestedSize"/> revisions, 0 meaning <see cref="MaxSize"/> so that one page holds a
    /// whole history whenever it fits, and within <see cref="MaxPageBytes"/>.
    /// </summary>
    public static (List<TProto> Page, string NextToken) History<TRow, TProto>(IReadOnlyList<TRow> revisions, Func<TRow, long> revisionOf,
        string token, int requestedSize, Func<TRow, TProto> toProto)
        where TProto : Google.Protobuf.IMessage
    {
        var afterKey = DecodeOrThrow(token);
        var after = afterKey.Length == 0 ? 0
            : long.TryParse(afterKey, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision) ? revision : throw Invalid();
        var size = requestedSize == 0 ? MaxSize : Size(requestedSize);
        var rest = revisions.Where(row => revisionOf(row) > after).ToList();
        var page = Fit(rest, size, toProto);
        var next = rest.Count > page.Count ? Encode(revisionOf(rest[page.Count - 1]).ToString(System.Globalization.CultureInfo.InvariantCulture)) : "";
        return (page, next);
    }

    public static string Encode(string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(lastKey)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The key after which the page starts; empty for the first page; false when the token is not one of ours.</summary>
    public static bool TryDecode(string? token, out string afterKey)
    {
        afterKey = string.Empty;
        if (string.IsNullOrEmpty(token))
        {
            return true;
        }
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            afterKey = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            return afterKey.Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>Decodes or throws INVALID_ARGUMENT on the page_token field.</summary>
    public static string DecodeOrThrow(string? token) => TryDecode(token, out var key) ? key : throw Invalid();

    public static Grpc.Core.RpcException Invalid() =>
        Errors.GrpcErrors.InvalidArgument("page_token", "INVALID_PAGE_TOKEN", "page_token 无效 / page_token is not a token this service issued");
}
