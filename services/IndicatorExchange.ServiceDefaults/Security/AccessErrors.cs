using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace IndicatorExchange.ServiceDefaults.Security;

/// <summary>The refusals of the access layer: UNAUTHENTICATED and PERMISSION_DENIED with a stable ErrorInfo reason.</summary>
public static class AccessErrors
{
    public static async Task<RpcException> UnauthenticatedAsync(HttpContext httpContext)
    {
        // The authentication middleware keeps only successes; the handler's cached result says why it failed.
        var failure = (await httpContext.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme)).Failure;
        var (reason, message) = failure switch
        {
            null when httpContext.User.Identity?.IsAuthenticated == true => UnknownIdentity(httpContext.User),
            null => ("TOKEN_MISSING", "缺少访问令牌 / no bearer token: send \"authorization: Bearer <token>\""),
            Tokens.TokenTooLargeException tooLarge => ("TOKEN_TOO_LARGE",
                $"访问令牌过长（{tooLarge.Length} 个字符，上限 {tooLarge.Limit}）/ the bearer token is {tooLarge.Length} characters long; at most {tooLarge.Limit} are read (Limits:MaxTokenBytes)"),
            SecurityTokenExpiredException => ("TOKEN_EXPIRED", "访问令牌已过期 / the token has expired: ask an administrator for a new one"),
            SecurityTokenSignatureKeyNotFoundException => ("TOKEN_INVALID", "访问令牌的签名密钥无效或已撤销 / the token's signing key is unknown or revoked"),
            SecurityTokenInvalidAudienceException => ("TOKEN_INVALID", "访问令牌的受众不符 / the token was issued for another audience"),
            SecurityTokenInvalidIssuerException => ("TOKEN_INVALID", "访问令牌的签发者不符 / the token was issued by another issuer"),
            SecurityTokenInvalidSignatureException => ("TOKEN_INVALID", "访问令牌签名无效 / the token's signature is invalid"),
            _ => ("TOKEN_INVALID", "访问令牌无效 / the token is not valid"),
        };
        return Build(StatusCode.Unauthenticated, reason, message);
    }

    /// <summary>A token with a valid signature that names no subject, or a role the suite does not know.</summary>
    private static (string Reason, string Message) UnknownIdentity(System.Security.Claims.ClaimsPrincipal user)
    {
        var role = user.FindFirst(Caller.RoleClaim)?.Value;
        if (role is null || !Roles.All.Contains(role))
        {
            return ("TOKEN_INVALID", $"访问令牌的角色未知 / the token's role {(role is null ? "is missing" : Validation.InputText.Echo(role) + " is unknown")}: " +
                $"it must be one of {string.Join(", ", Roles.All.Order())}");
        }
        return ("TOKEN_INVALID", "访问令牌缺少主体 / the token names no subject (claim \"sub\")");
    }

    public static RpcException NoPolicy(string method) =>
        Build(StatusCode.PermissionDenied, "NO_POLICY", $"此调用未定义访问策略 / {method} has no access policy, so nobody may call it");

    public static RpcException RoleNotAllowed(Caller caller, string method, IEnumerable<string> roles) =>
        Build(StatusCode.PermissionDenied, "ROLE_NOT_ALLOWED",
            $"角色无权执行此操作 / role {caller.Role} may not call {method} (allowed: {string.Join(", ", roles.Order())})");

    public static RpcException OutOfScope(Caller caller, IReadOnlyList<string>? units) =>
        Build(StatusCode.PermissionDenied, "OUT_OF_SCOPE", units is null
            ? $"超出权限范围 / this acts on the whole tree, beyond the scope of {caller.OrgUnit} (name an org unit within it)"
            : $"超出权限范围 / {string.Join(", ", units)} is not within the scope of {caller.OrgUnit} ({caller.Subject})");

    private static RpcException Build(StatusCode code, string reason, string message)
    {
        var status = new Google.Rpc.Status { Code = (int)code, Message = message };
        status.Details.Add(Any.Pack(new ErrorInfo { Reason = reason, Domain = GrpcErrors.Domain }));
        return status.ToRpcException();
    }
}
