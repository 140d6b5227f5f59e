using System.Security.Claims;

namespace IndicatorExchange.ServiceDefaults.Security.Identity;

/// <summary>Who is calling, as their token says: the subject, the role, and the org unit their scope starts at.</summary>
public sealed record Caller(string Subject, string Role, string OrgUnit, string TokenId, DateTimeOffset? ExpiresAt)
{
    public const string SubjectClaim = "sub";
    public const string RoleClaim = "role";
    public const string OrgUnitClaim = "org_unit";
    public const string TokenIdClaim = "jti";

    /// <summary>Administrators and services read the whole tree; reporters and analysts only their subtree.</summary>
    public bool IsUnscoped => Role is Roles.Administrator or Roles.Service;

    /// <summary>What revisions record as "submitted_by": the subject and the unit it acts for.</summary>
    public string Signature => $"{Subject} ({Role}@{OrgUnit})";

    public static Caller? From(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        var subject = principal.FindFirstValue(SubjectClaim);
        var role = principal.FindFirstValue(RoleClaim);
        if (string.IsNullOrEmpty(subject) || role is null || !Roles.All.Contains(role))
        {
            return null;
        }
        var expires = long.TryParse(principal.FindFirstValue("exp"), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        return new Caller(subject, role, principal.FindFirstValue(OrgUnitClaim) ?? "", principal.FindFirstValue(TokenIdClaim) ?? "", expires);
    }
}
