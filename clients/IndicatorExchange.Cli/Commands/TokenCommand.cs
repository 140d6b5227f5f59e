using System.CommandLine;
using Google.Protobuf.WellKnownTypes;
using IndicatorExchange.Cli.Hosting;
using IndicatorExchange.Cli.Output;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Contracts.Access.V1;

namespace IndicatorExchange.Cli.Commands;

/// <summary>
/// <c>ixc token issue --subject S --role county|analyst|admin --org-unit CODE [--days N] [-o FILE]</c> (administrators)
/// and <c>ixc token whoami</c>.
/// </summary>
public static class TokenCommand
{
    public static Command Build(CommandRunner runner)
    {
        var subject = new Option<string>("--subject") { Description = "Who the token is for, e.g. xinyuan-stats", Required = true, HelpName = "NAME" };
        var role = new Option<string>("--role") { Description = "county (reporter), analyst (prefecture) or admin", Required = true, HelpName = "ROLE" };
        var orgUnit = new Option<string>("--org-unit") { Description = "The org unit the token is scoped to, e.g. 654025", Required = true, HelpName = "CODE" };
        var days = new Option<int>("--days") { Description = "Days the token stays valid (1-366)", DefaultValueFactory = _ => 30, HelpName = "N" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the token to this file (owner-only) instead of printing it", HelpName = "FILE" };
        var issue = new Command("issue", "Issue a token (administrators only); printed alone on standard output") { subject, role, orgUnit, days, output };
        runner.Bind(issue, context => IssueAsync(context, context.Value(subject)!, context.Value(role)!, context.Value(orgUnit)!, context.Value(days), context.Value(output)));

        var whoami = new Command("whoami", "Show who the service takes the token for");
        runner.Bind(whoami, WhoAmIAsync);

        return new Command("token", "Access tokens") { issue, whoami };
    }

    private static async Task<int> IssueAsync(CommandContext context, string subject, string roleText, string orgUnit, int days, string? output)
    {
        var role = roleText.Trim().ToLowerInvariant() switch
        {
            "county" or "county_reporter" or "county-reporter" or "reporter" => Role.CountyReporter,
            "analyst" or "prefecture" or "prefecture_analyst" or "prefecture-analyst" => Role.PrefectureAnalyst,
            "admin" or "administrator" => Role.Administrator,
            _ => throw new UsageException($"--role '{roleText}': 请用 county、analyst 或 admin / use county, analyst or admin."),
        };
        var issued = await context.Client.Access.IssueTokenAsync(new IssueTokenRequest
        {
            Subject = subject, Role = role, OrgUnit = orgUnit, ValidFor = Duration.FromTimeSpan(TimeSpan.FromDays(days)),
        }, cancellationToken: context.Cancellation);
        if (output is null)
        {
            context.Terminal.Line(issued.Token);
        }
        else
        {
            await File.WriteAllTextAsync(output, issued.Token + "\n", context.Cancellation);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(output, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            context.Terminal.Line($"Token for {subject} ({role}@{orgUnit}) written to {output}; expires {Display.Time(issued.ExpiresAt)}, key {issued.KeyId}.");
        }
        return ExitCodes.Ok;
    }

    private static async Task<int> WhoAmIAsync(CommandContext context)
    {
        var caller = await context.Client.Access.GetCallerAsync(new GetCallerRequest(), cancellationToken: context.Cancellation);
        context.Terminal.Line($"{caller.Subject} {caller.Role} org_unit={caller.OrgUnit} expires={Display.Time(caller.ExpiresAt)}");
        return ExitCodes.Ok;
    }
}
