using IndicatorExchange.Contracts.Access.V1;

namespace IndicatorExchange.ServiceDefaults.Security.Identity;

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

    /// <summary>
    /// The names a person types for each role a token can be issued for (<c>indicatorexchange issue-token --role</c>),
    /// with the claim each stands for: the source of the role table in docs/security.md. <see cref="Service"/> has
    /// none: only the suite's own processes mint service tokens.
    /// </summary>
    public static readonly IReadOnlyList<(string Name, string Claim)> CommandLineNames =
    [
        ("county", CountyReporter),
        ("analyst", PrefectureAnalyst),
        ("admin", Administrator),
    ];

    /// <summary>The command-line names as a usage line shows them: "county|analyst|admin".</summary>
    public static string CommandLineChoices => string.Join('|', CommandLineNames.Select(n => n.Name));

    /// <summary>
    /// Parses a role as a command line gives it: its command-line name ("county"), its claim ("county_reporter",
    /// "county-reporter") or the alias "reporter" / "prefecture"; null for anything else, the service role included.
    /// </summary>
    public static string? Parse(string text)
    {
        var name = text.Trim().ToLowerInvariant().Replace('-', '_');
        return name switch
        {
            "reporter" => CountyReporter,
            "prefecture" => PrefectureAnalyst,
            _ => CommandLineNames.FirstOrDefault(n => n.Name == name || n.Claim == name).Claim,
        };
    }
}
