using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Access.Tokens;

/// <summary>
/// With demo data, writes a token for each Ili county (reporter), the prefecture (analyst) and an administrator
/// under &lt;DataDirectory&gt;/tokens, readable by the owner only, and says where. Tokens last 30 days and are
/// written anew at every start with the demo flag.
/// </summary>
internal sealed class DemoTokenWriter(IOptions<SuiteOptions> suite, TokenIssuer issuer, ILogger<DemoTokenWriter> logger) : IHostedService
{
    public const string Prefecture = "654000";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var options = suite.Value;
        if (!options.LoadsDemoReference)
        {
            return Task.CompletedTask;
        }
        var folder = Path.GetFullPath(Path.Combine(options.DataDirectory, "tokens"));
        Directory.CreateDirectory(folder);
        var units = CatalogFiles.ReadOrgUnits(IndicatorExchange.Domain.Csv.CsvTable.Parse(File.ReadAllText(Path.Combine(options.DemoDataDirectory, "org-units-ili.csv"))));
        var written = new List<string>
        {
            Write(folder, "admin", issuer.Issue("demo-admin", Roles.Administrator, units.First(u => u.ParentCode is null).Code)),
            Write(folder, $"prefecture-{Prefecture}", issuer.Issue($"demo-analyst-{Prefecture}", Roles.PrefectureAnalyst, Prefecture)),
        };
        written.AddRange(units.Where(u => u.ParentCode == Prefecture)
            .Select(county => Write(folder, $"county-{county.Code}", issuer.Issue($"demo-{county.Code}", Roles.CountyReporter, county.Code))));
        logger.LogInformation("Demo tokens (30 days) written to {Folder}: {Files}. Send one as \"authorization: Bearer <token>\", e.g. ixc --token-file {Example}",
            folder, string.Join(", ", written), Path.Combine(folder, "county-654025.jwt"));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string Write(string folder, string name, IssuedToken token)
    {
        var path = Path.Combine(folder, $"{name}.jwt");
        File.WriteAllText(path, token.Token + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return Path.GetFileName(path);
    }
}
