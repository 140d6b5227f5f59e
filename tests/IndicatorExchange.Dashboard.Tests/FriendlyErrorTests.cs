using Grpc.Core;
using IndicatorExchange.Client;
using IndicatorExchange.Dashboard.Data;
using IndicatorExchange.Dashboard.Model;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>Failed calls become a sentence on the page, never a crash.</summary>
public sealed class FriendlyErrorTests
{
    [Fact]
    public void Permission_denied_says_the_token_scope_does_not_cover_it()
    {
        var error = new RpcException(new Status(StatusCode.PermissionDenied, "scope 654025 does not cover 654000"));

        Assert.Equal("无权查看：令牌的权限范围不包括该地区或数据 (scope 654025 does not cover 654000)", FriendlyError.Describe(error, UiText.Chinese));
        Assert.True(FriendlyError.IsAccessProblem(error));
    }

    [Fact]
    public void Unauthenticated_names_the_token_settings()
    {
        var error = new RpcException(new Status(StatusCode.Unauthenticated, "token expired"));

        Assert.Contains("Dashboard:TokenFile", FriendlyError.Describe(error, UiText.English));
        Assert.True(FriendlyError.IsAccessProblem(error));
    }

    [Fact]
    public void Unreachable_service_is_said_so()
    {
        var error = new ServiceUnavailableException("http://127.0.0.1:5100", "GetSummary", new RpcException(new Status(StatusCode.Unavailable, "")));

        Assert.StartsWith("The service cannot be reached", FriendlyError.Describe(error, UiText.English));
        Assert.False(FriendlyError.IsAccessProblem(error));
    }
}
