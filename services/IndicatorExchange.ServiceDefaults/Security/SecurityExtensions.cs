using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Limits;
using IndicatorExchange.ServiceDefaults.Security.Policies;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace IndicatorExchange.ServiceDefaults.Security;

/// <summary>
/// Authentication, authorisation, audit and limits, the same in every process. The audit trail the access interceptor
/// writes to (<see cref="Audit.IAuditTrail"/>) is the Access module's.
/// </summary>
public static class SecurityExtensions
{
    public static IHostApplicationBuilder AddSuiteSecurity(this IHostApplicationBuilder builder)
    {
        SigningKeyFile.AddTo(builder.Configuration);
        builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
        builder.Services.Configure<LimitOptions>(builder.Configuration.GetSection(LimitOptions.Section));
        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddSingleton<ServiceTokenProvider>();
        builder.Services.AddSingleton<OrgUnitScope>();
        builder.Services.AddSingleton<RpcPolicyRegistry>();

        builder.Services.AddOptions<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>()
            .Configure<IOptions<LimitOptions>>((kestrel, limits) =>
            {
                kestrel.Limits.MaxRequestHeadersTotalSize = limits.Value.MaxRequestHeadersBytes;
                kestrel.Limits.Http2.MaxRequestHeaderFieldSize = limits.Value.MaxRequestHeadersBytes;
            });
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<SigningKeyRing, IOptionsMonitor<SecurityOptions>, IOptionsMonitor<LimitOptions>>((jwt, keys, security, limits) =>
            {
                jwt.MapInboundClaims = false;
                jwt.Events = new JwtBearerEvents { OnMessageReceived = context => TokenTooLargeException.Refuse(context, limits.CurrentValue.MaxTokenBytes) };
                jwt.RequireHttpsMetadata = false;
                jwt.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidateIssuer = true,
                    ValidIssuer = security.CurrentValue.Issuer,
                    ValidateAudience = true,
                    ValidAudience = security.CurrentValue.Audience,
                    ValidateLifetime = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ValidateIssuerSigningKey = true,
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
                    ClockSkew = security.CurrentValue.ClockSkew,
                    NameClaimType = Caller.SubjectClaim,
                    RoleClaimType = Caller.RoleClaim,
                    IssuerSigningKeyResolver = (_, _, keyId, _) => keys.Resolve(keyId),
                };
            });
        builder.Services.AddRateLimiter(options => { });
        builder.Services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<IOptionsMonitor<LimitOptions>>((options, limits) => SubjectRateLimiting.Configure(options, () => limits.CurrentValue));
        return builder;
    }

    /// <summary>Authenticates every request and applies the per-subject rate limit, before any gRPC service runs.</summary>
    public static WebApplication UseSuiteSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseRateLimiter();
        return app;
    }
}
