using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IndicatorExchange.Access.Tokens;
using IndicatorExchange.Contracts.Access.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Paging;
using IndicatorExchange.ServiceDefaults.Security;
using IndicatorExchange.ServiceDefaults.Security.Audit;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Validation;

namespace IndicatorExchange.Access.Grpc;

/// <summary>Tokens, the audit trail and "who am I", served by every process.</summary>
internal sealed class AccessGrpcService(TokenIssuer issuer, IAuditTrail audit, ICatalogSource catalog) : AccessService.AccessServiceBase
{
    public override async Task<IssueTokenResponse> IssueToken(IssueTokenRequest request, ServerCallContext context)
    {
        var problems = new List<FieldProblem>();
        if (request.Subject.Trim().Length is 0 or > 128)
        {
            problems.Add(new FieldProblem("subject", "REQUIRED", "subject 必填 / subject must be 1 to 128 characters"));
        }
        var role = Roles.FromProto(request.Role);
        if (role is null or Roles.Service)
        {
            problems.Add(new FieldProblem("role", "INVALID_ROLE",
                "role 必须是 county_reporter、prefecture_analyst 或 administrator / role must be a reporter, an analyst or an administrator (service identities are not issued)"));
        }
        var lifetime = WireTime.Read(request.ValidFor, "valid_for") ?? TokenIssuer.DefaultLifetime;
        if (lifetime <= TimeSpan.Zero || lifetime > TokenIssuer.MaximumLifetime)
        {
            problems.Add(new FieldProblem("valid_for", "OUT_OF_RANGE", "有效期须在 0 到 366 天之间 / valid_for must be more than 0 and at most 366 days"));
        }
        var tree = (await catalog.GetAsync(context.CancellationToken, forceRefresh: true)).Tree;
        if (!tree.TryGet(request.OrgUnit, out _))
        {
            problems.Add(new FieldProblem("org_unit", "UNKNOWN_ORG_UNIT", $"未知的组织单位 / org unit '{request.OrgUnit}' is not in the org-unit tree"));
        }
        if (problems.Count > 0)
        {
            throw GrpcErrors.InvalidArgument("INVALID_TOKEN_REQUEST", "令牌申请有误 / the token request is invalid", problems);
        }
        var issued = issuer.Issue(request.Subject.Trim(), role!, request.OrgUnit, lifetime);
        return new IssueTokenResponse
        {
            Token = issued.Token,
            ExpiresAt = Timestamp.FromDateTimeOffset(issued.ExpiresAt),
            KeyId = issued.KeyId,
            TokenId = issued.TokenId,
        };
    }

    public override async Task<ListAuditRecordsResponse> ListAuditRecords(ListAuditRecordsRequest request, ServerCallContext context)
    {
        var pageSize = PageToken.Size(request.PageSize);
        var afterKey = PageToken.DecodeOrThrow(request.PageToken);
        long? before = afterKey.Length == 0 ? null
            : long.TryParse(afterKey, System.Globalization.CultureInfo.InvariantCulture, out var sequence) ? sequence : throw PageToken.Invalid();
        var records = await audit.ListAsync(new AuditQuery(
            Empty(request.Subject), Empty(request.OrgUnit), Empty(request.Method),
            WireTime.Read(request.FromTime, "from_time"), WireTime.Read(request.ToTime, "to_time"), Empty(request.Outcome), before, pageSize + 1),
            context.CancellationToken);
        var response = new ListAuditRecordsResponse();
        response.Records.AddRange(records.Take(pageSize).Select(ToProto));
        if (records.Count > pageSize)
        {
            response.NextPageToken = PageToken.Encode(records[pageSize - 1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return response;
    }

    public override Task<GetCallerResponse> GetCaller(GetCallerRequest request, ServerCallContext context)
    {
        var caller = context.Caller();
        return Task.FromResult(new GetCallerResponse
        {
            Subject = caller.Subject,
            Role = Roles.ToProto(caller.Role),
            OrgUnit = caller.OrgUnit,
            ExpiresAt = caller.ExpiresAt is { } expires ? Timestamp.FromDateTimeOffset(expires) : null,
        });
    }

    private static string? Empty(string text) => text.Length == 0 ? null : text;

    private static AuditRecord ToProto(AuditEntry entry) => new()
    {
        Sequence = entry.Sequence,
        ReceivedAt = Timestamp.FromDateTimeOffset(entry.ReceivedAt),
        Subject = entry.Subject,
        Role = Roles.ToProto(entry.Role),
        OrgUnit = entry.OrgUnit,
        TokenId = entry.TokenId,
        Method = entry.Method,
        RequestId = entry.RequestId,
        Peer = entry.Peer,
        Outcome = entry.Outcome,
        Detail = entry.Detail,
        TargetOrgUnits = entry.TargetOrgUnits,
    };
}
