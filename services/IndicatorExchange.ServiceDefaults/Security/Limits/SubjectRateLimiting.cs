using System.Globalization;
using System.Threading.RateLimiting;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;

namespace IndicatorExchange.ServiceDefaults.Security.Limits;

/// <summary>
/// ASP.NET Core rate limiting, one token bucket per subject (per peer address for calls without a valid
/// token). A refused call is answered as gRPC RESOURCE_EXHAUSTED (reason RATE_LIMITED) with a retry-after, not
/// as HTTP 429, which gRPC clients would read as UNAVAILABLE and retry at once. Health, reflection and the services' own calls are free.
/// </summary>
public static class SubjectRateLimiting
{
    public static void Configure(RateLimiterOptions options, Func<LimitOptions> limits)
    {
        options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var current = limits();
            if (current.RequestsPerSecond <= 0 || IsFree(context.Request.Path))
            {
                return RateLimitPartition.GetNoLimiter("free");
            }
            var caller = Caller.From(context.User);
            if (caller?.Role == Roles.Service)
            {
                // The suite's own services calling each other (catalog reads, feeds) are not a runaway client.
                return RateLimitPartition.GetNoLimiter("service");
            }
            var key = caller is not null ? $"sub:{caller.Subject}" : $"peer:{context.Connection.RemoteIpAddress}";
            return RateLimitPartition.GetTokenBucketLimiter(key, _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = Math.Max(current.Burst, 1),
                TokensPerPeriod = current.RequestsPerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        });
        options.OnRejected = (context, _) =>
        {
            var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            var response = context.HttpContext.Response;
            // A trailers-only gRPC response: HTTP 200 with the status in the headers.
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/grpc";
            response.Headers["grpc-status"] = ((int)Grpc.Core.StatusCode.ResourceExhausted).ToString(CultureInfo.InvariantCulture);
            response.Headers["grpc-message"] = Uri.EscapeDataString(
                $"请求过于频繁 / RATE_LIMITED: too many calls from this subject; retry after {Math.Ceiling(retryAfter.TotalSeconds)} s");
            response.Headers["retry-after"] = Math.Ceiling(retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return ValueTask.CompletedTask;
        };
    }

    private static bool IsFree(PathString path) =>
        path.StartsWithSegments("/grpc.health.v1.Health") || path.Value?.StartsWith("/grpc.reflection.", StringComparison.Ordinal) == true;
}
