using IndicatorExchange.Access.Tokens;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using IndicatorExchange.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace IndicatorExchange.EndToEnd.Tests;

/// <summary>
/// The executable's command line: values after a space or an equals sign, per-command --help with the exit codes,
/// errors that name the bad argument, and the server's options in both forms.
/// </summary>
public sealed class HostCommandLineTests : IDisposable
{
    private readonly TemporaryDirectory _temporary = new("ix-cli-");

    public void Dispose() => _temporary.Dispose();

    [Theory]
    [InlineData("space")]
    [InlineData("equals")]
    public async Task Issue_token_takes_the_readme_line_with_values_after_a_space_or_an_equals_sign(string form)
    {
        SigningKeyGenerator.Generate(SigningKeyFile.DefaultPath(_temporary.Path));
        string[] arguments = form == "space"
            ? ["issue-token", "--subject", "first-admin", "--role", "admin", "--org-unit", "650000", "--data-dir", _temporary.Path]
            : ["issue-token", "--subject=first-admin", "--role=admin", "--org-unit=650000", $"--data-dir={_temporary.Path}"];

        var (exitCode, output) = await SuiteProcess.RunCommandAsync(arguments);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
        var token = output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("eyJ", StringComparison.Ordinal));
        var claims = await ValidateAsync(token);
        Assert.Equal("first-admin", claims[Caller.SubjectClaim]);
        Assert.Equal(Roles.Administrator, claims[Caller.RoleClaim]);
        Assert.Equal("650000", claims[Caller.OrgUnitClaim]);
    }

    [Theory]
    [InlineData("", "--dashboard-port")]
    [InlineData("issue-token", "--valid-for")]
    [InlineData("rebuild", "--from")]
    [InlineData("import-targets", "--dry-run")]
    [InlineData("import-org-units", "--token")]
    public async Task Every_command_answers_help_with_its_own_options_and_the_exit_codes(string command, string option)
    {
        var (exitCode, output) = await SuiteProcess.RunCommandAsync([.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{output}");
        Assert.Contains($"indicatorexchange {command}".Trim() + " ", output);
        Assert.Contains(option, output);
        Assert.Contains("Exit codes:", output);
        Assert.Contains("2  usage error", output);
    }

    [Theory]
    [InlineData("'boss'", "issue-token", "--subject", "x", "--role", "boss", "--org-unit", "654025")]
    [InlineData("'400'", "issue-token", "--subject", "x", "--role", "county", "--org-unit", "654025", "--valid-for", "400")]
    [InlineData("--org-unit", "issue-token", "--subject", "x", "--role", "county")]
    [InlineData("'nothing'", "rebuild", "--from", "nothing")]
    [InlineData("'--adress=http://127.0.0.1:9'", "rebuild", "--adress=http://127.0.0.1:9")]
    [InlineData("'--prot=5100'", "--prot=5100", "--dashboard-port=0")]
    [InlineData("--demo 'everything'", "--demo=everything", "--dashboard-port=0")]
    public async Task A_bad_argument_is_named_in_the_error_and_exits_with_code_2(string named, params string[] arguments)
    {
        var (exitCode, output) = await SuiteProcess.RunCommandAsync([.. arguments, $"--data-dir={_temporary.Path}"]);

        Assert.True(exitCode == 2, $"exit code {exitCode}:\n{output}");
        Assert.Contains(named, output);
        Assert.Contains("用法错误 / usage error", output);
    }

    [Fact]
    public async Task Server_options_take_their_value_after_a_space()
    {
        // --demo reference loads the org units and the catalog but no figures (a bare --demo would load Yining's).
        await using var suite = await SuiteProcess.StartAsync(_temporary.Path, "--demo", "reference", "--target", "all");
        var indicator = new IndicatorService.IndicatorServiceClient(suite.Channel);

        var xinyuan = await indicator.GetOrgUnitAsync(new GetOrgUnitRequest { Code = "654025" });
        Assert.Equal("新源县", xinyuan.OrgUnit.NameZh);
        var figures = await indicator.ListFiguresAsync(new ListFiguresRequest { OrgUnit = "654002", Period = "2022" });
        Assert.Empty(figures.Figures);
    }

    [Fact]
    public async Task Security_doc_names_each_role_as_issue_token_takes_it()
    {
        var doc = await File.ReadAllTextAsync(Path.Combine(SuiteProcess.RepositoryRoot(), "docs", "security.md"));
        var help = (await SuiteProcess.RunCommandAsync("issue-token", "--help")).Output;

        foreach (var (name, claim) in Roles.CommandLineNames)
        {
            Assert.Contains($"| `{claim}` | `{name}` |", doc);
        }
        Assert.Contains($"--role {Roles.CommandLineChoices}", doc);
        Assert.Contains($"--role <{Roles.CommandLineChoices}>", help);
        Assert.Equal(Roles.All.Except([Roles.Service]).Order(), Roles.CommandLineNames.Select(n => n.Claim).Order());
    }

    /// <summary>The claims of a token whose signature, issuer and audience check out against the key file of the test's folder.</summary>
    private async Task<IReadOnlyDictionary<string, string>> ValidateAsync(string token)
    {
        var keys = SigningKeyFile.Read(SigningKeyFile.DefaultPath(_temporary.Path))!;
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = keys.Issuer,
            ValidAudience = keys.Audience,
            IssuerSigningKey = SigningKeyRing.ActiveOf(keys),
        });
        Assert.True(result.IsValid, $"token rejected: {result.Exception?.Message}");
        return result.Claims.ToDictionary(c => c.Key, c => c.Value.ToString()!);
    }
}
