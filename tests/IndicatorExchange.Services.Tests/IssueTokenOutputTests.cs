using System.Globalization;
using System.Text.RegularExpressions;
using IndicatorExchange.Access.Tokens;
using IndicatorExchange.Host.CommandLine;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IndicatorExchange.Services.Tests;

/// <summary><c>indicatorexchange issue-token</c> says when the token expires in Beijing time, labelled with its offset, as ixc does.</summary>
public sealed partial class IssueTokenOutputTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ix-issue-token-").FullName;

    [Fact]
    public async Task Expiry_is_printed_in_beijing_time_labelled_plus_eight()
    {
        SigningKeyGenerator.Generate(SigningKeyFile.DefaultPath(_folder));
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await HostCommandLine.Parse(["issue-token", "--subject", "first-admin", "--role", "admin", "--data-dir", _folder])
            .InvokeAsync(output, error);

        Assert.True(exit == 0, error.ToString());
        var match = Expiry().Match(error.ToString());
        Assert.True(match.Success, error.ToString());
        var printed = DateTimeOffset.ParseExact(match.Groups[1].Value, "yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);
        Assert.Equal(TimeSpan.FromHours(8), printed.Offset);
        var expires = new JsonWebToken(output.ToString().Trim()).ValidTo;
        // The token's exp claim, to the second (the printed time shows whole seconds).
        Assert.InRange((printed - new DateTimeOffset(expires, TimeSpan.Zero)).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
    }

    [GeneratedRegex(@"expires (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00) \(北京时间 / Beijing time\)")]
    private static partial Regex Expiry();

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
