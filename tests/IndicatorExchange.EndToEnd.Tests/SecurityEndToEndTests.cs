using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Grpc.Core;
using IndicatorExchange.Contracts.Access.V1;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using IndicatorExchange.Testing;
using Microsoft.IdentityModel.JsonWebTokens;

namespace IndicatorExchange.EndToEnd.Tests;

/// <summary>The real executable over TLS, and what it writes to its logs.</summary>
public sealed class SecurityEndToEndTests : IDisposable
{
    private readonly TemporaryDirectory _temporary = new("ix-e2e-security-");

    private string _dataDirectory => _temporary.Path;

    public void Dispose() => _temporary.Dispose();

    [Fact]
    public async Task Over_tls_with_a_generated_certificate_a_county_pushes_and_the_prefecture_reads_the_rollup()
    {
        var certificate = Path.Combine(_dataDirectory, "suite.pfx");
        await File.WriteAllBytesAsync(certificate, SelfSignedCertificate().Export(X509ContentType.Pfx));

        await using var suite = await SuiteProcess.StartAsync(_dataDirectory, "--demo=reference", $"--certificate={certificate}");
        var xinyuan = new IndicatorService.IndicatorServiceClient(suite.ChannelWith(suite.Issue("xinyuan", Roles.CountyReporter, "654025")));
        var pushed = await xinyuan.SubmitFiguresAsync(Batch("654025", "2022", "GDP", "133.61"));
        // The aggregator reads the change feed from the indicator service over TLS too (its own https address).
        var prefecture = new AggregationService.AggregationServiceClient(suite.ChannelWith(suite.Issue("ili", Roles.PrefectureAnalyst, "654000")));
        var summary = await SummaryAfterAsync(prefecture, new GetSummaryRequest { OrgUnit = "654000", Period = "2022", Indicators = { "GDP" } }, pushed.LastSequence);

        Assert.StartsWith("https://", suite.Address, StringComparison.Ordinal);
        Assert.Equal("133.61", summary.Rows.Single().Total.Value);
        using var plaintext = new HttpClient(new SocketsHttpHandler()) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => plaintext.GetAsync($"http://127.0.0.1:{suite.Port}/"));
    }

    [Fact]
    public async Task Tokens_and_signing_keys_never_appear_in_the_logs()
    {
        await using var suite = await SuiteProcess.StartAsync(_dataDirectory, "--demo", "--Logging:LogLevel:Default=Debug", "--Logging:LogLevel:Microsoft.AspNetCore=Debug");
        var demoTokens = Directory.GetFiles(Path.Combine(_dataDirectory, "tokens"), "*.jwt").Select(f => File.ReadAllText(f).Trim()).ToList();
        var secrets = File.ReadAllText(Path.Combine(_dataDirectory, "keys", "signing-keys.json"));
        var secret = System.Text.Json.JsonDocument.Parse(secrets).RootElement.GetProperty("Security").GetProperty("SigningKeys")[0].GetProperty("Secret").GetString()!;
        var valid = suite.Issue("xinyuan", Roles.CountyReporter, "654025");
        var expired = suite.Issue("late", Roles.CountyReporter, "654025", TimeSpan.FromSeconds(1));
        await Task.Delay(TimeSpan.FromSeconds(32)); // past the 30 s clock skew

        var tokensUsed = new List<string>(demoTokens) { valid, expired, valid[..^4] + "AAAA" };
        foreach (var token in tokensUsed)
        {
            var client = new IndicatorService.IndicatorServiceClient(suite.ChannelWith(token));
            try
            {
                await client.SubmitFiguresAsync(Batch("654002", "2022", "GDP", "not-a-number"));
            }
            catch (RpcException)
            {
                // Refused for the token, the scope or the value: what matters is what the logs say about it.
            }
        }
        await new AccessService.AccessServiceClient(suite.ChannelWith(demoTokens[0])).GetCallerAsync(new GetCallerRequest());

        var logs = suite.Output;
        Assert.Contains("tokens", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
        foreach (var token in tokensUsed)
        {
            // The signature is the secret part of a token; the header and claims are not secret, but are not logged either.
            Assert.DoesNotContain(token.Split('.')[2], logs, StringComparison.Ordinal);
            Assert.DoesNotContain(token.Split('.')[1], logs, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Editing_the_key_file_of_a_running_suite_rotates_and_then_revokes_a_key_without_a_restart()
    {
        await using var suite = await SuiteProcess.StartAsync(_dataDirectory, "--demo=reference");
        var keysFile = SigningKeyFile.DefaultPath(_dataDirectory);
        var beforeRotation = suite.Issue("yining", Roles.CountyReporter, "654002");
        var firstKeyId = new JsonWebToken(beforeRotation).Kid;
        Assert.Equal(StatusCode.OK, await GetCallerStatusAsync(suite, beforeRotation));

        // Rotate: a second key is added and made active, as an administrator would edit the file.
        var keys = JsonNode.Parse(await File.ReadAllTextAsync(keysFile))!;
        keys["Security"]!["SigningKeys"]!.AsArray().Add(new JsonObject { ["Id"] = "k-rotated", ["Secret"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) });
        keys["Security"]!["ActiveKeyId"] = "k-rotated";
        await File.WriteAllTextAsync(keysFile, keys.ToJsonString());
        var afterRotation = suite.Issue("yining", Roles.CountyReporter, "654002");
        Assert.Equal("k-rotated", new JsonWebToken(afterRotation).Kid);

        Assert.True(await EventuallyAsync(async () => await GetCallerStatusAsync(suite, afterRotation) == StatusCode.OK), "the new key was not accepted within 30 s");
        Assert.Equal(StatusCode.OK, await GetCallerStatusAsync(suite, beforeRotation)); // tokens already out keep working
        var admin = new AccessService.AccessServiceClient(suite.ChannelWith(suite.Issue("root", Roles.Administrator, "650000")));
        var issued = await admin.IssueTokenAsync(new IssueTokenRequest { Subject = "huocheng", Role = Role.CountyReporter, OrgUnit = "654023" });
        Assert.Equal("k-rotated", issued.KeyId); // and the suite signs with the new key

        // Revoke the first key: its tokens stop working, the new key's go on.
        keys["Security"]!["SigningKeys"]![0]!["Revoked"] = true;
        await File.WriteAllTextAsync(keysFile, keys.ToJsonString());

        Assert.True(await EventuallyAsync(async () => await GetCallerStatusAsync(suite, beforeRotation) == StatusCode.Unauthenticated),
            $"tokens of the revoked key {firstKeyId} were still accepted after 30 s");
        Assert.Equal(StatusCode.OK, await GetCallerStatusAsync(suite, afterRotation));
        Assert.Equal(StatusCode.OK, await GetCallerStatusAsync(suite, issued.Token));
    }

    private static async Task<StatusCode> GetCallerStatusAsync(SuiteProcess suite, string token)
    {
        try
        {
            await new AccessService.AccessServiceClient(suite.ChannelWith(token)).GetCallerAsync(new GetCallerRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
            return StatusCode.OK;
        }
        catch (RpcException exception)
        {
            return exception.StatusCode;
        }
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(200);
        }
        return true;
    }

    private static SubmitFiguresRequest Batch(string orgUnit, string period, string indicator, string value) => new()
    {
        OrgUnit = orgUnit,
        Period = period,
        RequestId = Guid.NewGuid().ToString("N"),
        Figures = { new FigureInput { Indicator = indicator, Quantity = new Quantity { Value = new Contracts.Common.V1.Decimal { Value = value }, Unit = "亿元" } } },
    };

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
    }

    private static async Task<Summary> SummaryAfterAsync(AggregationService.AggregationServiceClient client, GetSummaryRequest request, long sequence)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var summary = (await client.GetSummaryAsync(request, deadline: DateTime.UtcNow.AddSeconds(10))).Summary;
            if (summary.AsOfSequence >= sequence || DateTime.UtcNow > deadline)
            {
                return summary;
            }
            await Task.Delay(100);
        }
    }
}
