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

    public static int Size(int requested) => requested <= 0 ? DefaultSize : Math.Min(requested, MaxSize);

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
