using System.CommandLine;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Tokens;

namespace IndicatorExchange.Access.Tokens;

/// <summary>
/// <c>indicatorexchange issue-token --subject S --role county|analyst|admin --org-unit CODE [--valid-for DAYS] [--data-dir PATH]</c>:
/// signs a token with the suite's key, on the server, without a running service: how the first administrator
/// token is made. Prints the token alone on standard output, so that it can be redirected into a file.
/// The host mounts it as a subcommand; its exit codes are the host's.
/// </summary>
internal static class IssueTokenCommand
{
    public const string Name = "issue-token";

    private const int Ok = 0;
    private const int Failed = 1;

    public static Command Build()
    {
        var subject = new Option<string>("--subject") { Description = "Who the token is for, e.g. first-admin or xinyuan-stats", Required = true, HelpName = "NAME" };
        var role = new Option<string>("--role")
        {
            Description = "county (reporter), analyst (prefecture) or admin (the claims county_reporter, prefecture_analyst, administrator)",
            Required = true,
            HelpName = Roles.CommandLineChoices,
        };
        var orgUnit = new Option<string>("--org-unit")
        {
            Description = "The org unit the token is scoped to, e.g. 654025 (required but for admin, whose scope is then everything)",
            HelpName = "CODE",
            DefaultValueFactory = _ => "",
        };
        var validFor = new Option<string>("--valid-for") { Description = "Days the token stays valid, 1-366 (e.g. 30 or 30d)", HelpName = "DAYS", DefaultValueFactory = _ => "30" };
        var dataDirectory = new Option<string>("--data-dir")
        {
            Description = "Folder holding the suite's signing key, keys/signing-keys.json",
            HelpName = "PATH",
            DefaultValueFactory = _ => "data",
        };
        role.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && Roles.Parse(result.Tokens[0].Value) is null)
            {
                result.AddError($"--role '{result.Tokens[0].Value}': 应为 {Roles.CommandLineChoices} / expected {Roles.CommandLineChoices}.");
            }
        });
        validFor.Validators.Add(result =>
        {
            if (Days(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError($"--valid-for '{result.GetValueOrDefault<string>()}': 应为 1 到 366 天 / expected 1 to 366 days.");
            }
        });
        var command = new Command(Name, "Print a token signed with the suite's key (on the server, no service needed)") { subject, role, orgUnit, validFor, dataDirectory };
        command.Validators.Add(result =>
        {
            if (Roles.Parse(result.GetValue(role) ?? "") is { } parsed && parsed != Roles.Administrator && string.IsNullOrEmpty(result.GetValue(orgUnit)))
            {
                result.AddError($"--org-unit: {result.GetValue(role)} 令牌须指定机构 / a {result.GetValue(role)} token needs --org-unit CODE.");
            }
        });
        command.SetAction(parse => Run(parse, parse.GetValue(subject)!, Roles.Parse(parse.GetValue(role)!)!, parse.GetValue(orgUnit)!,
            Days(parse.GetValue(validFor))!.Value, parse.GetValue(dataDirectory)!));
        return command;
    }

    private static int? Days(string? text) => int.TryParse(text?.TrimEnd('d'), out var days) && days is >= 1 and <= 366 ? days : null;

    private static int Run(ParseResult parse, string subject, string role, string orgUnit, int days, string dataDirectory)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        var issued = KeyFileTokens.Sign(dataDirectory, subject, role, orgUnit, TimeSpan.FromDays(days));
        if (issued is null)
        {
            error.WriteLine($"{Path.GetFullPath(SigningKeyFile.DefaultPath(dataDirectory))} 中没有签名密钥 / no signing key there: start the suite once with this --data-dir, or configure Security:SigningKeys.");
            return Failed;
        }
        // Beijing time, labelled with its offset, as ixc prints times.
        error.WriteLine($"Token for {subject} ({role}@{orgUnit}), key {issued.KeyId}, expires {Domain.Periods.ChinaTime.Labelled(issued.ExpiresAt)} (北京时间 / Beijing time):");
        output.WriteLine(issued.Token);
        return Ok;
    }
}
