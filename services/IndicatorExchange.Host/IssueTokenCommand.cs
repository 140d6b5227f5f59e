using IndicatorExchange.ServiceDefaults.Security;
using IndicatorExchange.ServiceDefaults.Security.Tokens;

namespace IndicatorExchange.Host;

/// <summary>
/// <c>indicatorexchange issue-token --subject=S --role=R --org-unit=CODE [--valid-for=DAYS] [--data-dir=PATH]</c>:
/// signs a token with the suite's key, on the server, without a running service: how the first administrator
/// token is made. Prints the token alone on standard output, so that it can be redirected into a file.
/// </summary>
public static class IssueTokenCommand
{
    public const string Name = "issue-token";

    public static Task<int> RunAsync(string[] args)
    {
        var subject = CommandCredentials.Argument(args, "subject");
        var role = Roles.Parse(CommandCredentials.Argument(args, "role") ?? "");
        var orgUnit = CommandCredentials.Argument(args, "org-unit") ?? "";
        var days = CommandCredentials.Argument(args, "valid-for") is { } text && int.TryParse(text.TrimEnd('d'), out var n) ? n : 30;
        if (string.IsNullOrWhiteSpace(subject) || role is null || days is < 1 or > 366 || (role != Roles.Administrator && orgUnit.Length == 0))
        {
            Console.Error.WriteLine("usage: indicatorexchange issue-token --subject=NAME --role=county|analyst|admin --org-unit=CODE [--valid-for=DAYS (1-366, default 30)] [--data-dir=PATH]");
            return Task.FromResult(2);
        }
        var issued = CommandCredentials.Sign(args, subject, role, orgUnit, TimeSpan.FromDays(days));
        if (issued is null)
        {
            Console.Error.WriteLine($"No signing key in {Path.GetFullPath(SigningKeyFile.DefaultPath(CommandCredentials.Argument(args, "data-dir") ?? "data"))}: start the suite once with this --data-dir, or configure Security:SigningKeys.");
            return Task.FromResult(1);
        }
        Console.Error.WriteLine($"Token for {subject} ({role}@{orgUnit}), key {issued.KeyId}, expires {issued.ExpiresAt:yyyy-MM-dd HH:mm} UTC:");
        Console.WriteLine(issued.Token);
        return Task.FromResult(0);
    }
}
