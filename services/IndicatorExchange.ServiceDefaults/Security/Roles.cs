using IndicatorExchange.Contracts.Access.V1;

namespace IndicatorExchange.ServiceDefaults.Security;

/// <summary>The role names tokens carry in their "role" claim.</summary>
public static class Roles
{
    public const string CountyReporter = "county_reporter";
    public const string PrefectureAnalyst = "prefecture_analyst";
    public const string Administrator = "administrator";
    public const string Service = "service";

    public static readonly IReadOnlyList<string> All = [CountyReporter, PrefectureAnalyst, Administrator, Service];

    public static string? FromProto(Role role) => role switch
    {
        Role.CountyReporter => CountyReporter,
        Role.PrefectureAnalyst => PrefectureAnalyst,
        Role.Administrator => Administrator,
        Role.Service => Service,
        _ => null,
    };

    public static Role ToProto(string? role) => role switch
    {
        CountyReporter => Role.CountyReporter,
        PrefectureAnalyst => Role.PrefectureAnalyst,
        Administrator => Role.Administrator,
        Service => Role.Service,
        _ => Role.Unspecified,
    };

    /// <summary>Parses "county_reporter", "county-reporter" or "county" (and the like) for command lines.</summary>
    public static string? Parse(string text) => text.Trim().ToLowerInvariant().Replace('-', '_') switch
    {
        "county_reporter" or "county" or "reporter" => CountyReporter,
        "prefecture_analyst" or "prefecture" or "analyst" => PrefectureAnalyst,
        "administrator" or "admin" => Administrator,
        _ => null,
    };
}
