using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Net.Client;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Tokens;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.BadInputCorpus;

/// <summary>
/// The suite the corpus runs against: the demo org units and catalog, one figure with two revisions (654025 GDP 2023)
/// and one target, so that reads of history and targets have something to refuse around.
/// </summary>
public sealed class CorpusSuiteFactory : SuiteFactory
{
    protected override string Demo => "reference";

    private readonly SemaphoreSlim _seeding = new(1, 1);
    private bool _seeded;
    private GrpcChannel? _channel;
    private readonly Dictionary<string, GrpcChannel> _channels = new(StringComparer.Ordinal);

    private GrpcChannel Channel => _channel ??= CreateChannel();

    public async Task SeedAsync()
    {
        await _seeding.WaitAsync();
        try
        {
            if (_seeded)
            {
                return;
            }
            var figures = new IndicatorService.IndicatorServiceClient(Channel);
            await figures.SubmitFiguresAsync(Batch("654025", "2023", Figure("GDP", "133.61", "亿元", "3")));
            await figures.SubmitFiguresAsync(Batch("654025", "2023", Figure("GDP", "133.62", "亿元", "3")));
            var targets = new TargetService.TargetServiceClient(Channel);
            var request = new SetTargetsRequest();
            request.Targets.Add(new TargetInput
            {
                OrgUnit = "654025", Indicator = "GDP", Year = 2023, Kind = TargetKind.GrowthAtLeast,
                Threshold = new Contracts.Common.V1.Decimal { Value = "8" }, Unit = "%",
            });
            await targets.SetTargetsAsync(request);
            _seeded = true;
        }
        finally
        {
            _seeding.Release();
        }
    }

    /// <summary>
    /// What a write would change, as a hash: every figure revision, the current targets, the catalog, the tree and the
    /// periods, read through the public RPCs.
    /// </summary>
    public async Task<string> FingerprintAsync()
    {
        var figures = new IndicatorService.IndicatorServiceClient(Channel);
        var targets = new TargetService.TargetServiceClient(Channel);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var token = "";
        do
        {
            var page = await figures.ListFigureRevisionsAsync(new ListFigureRevisionsRequest { PageSize = 1000, PageToken = token });
            hash.AppendData(page.ToByteArray());
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        hash.AppendData((await targets.ListTargetsAsync(new ListTargetsRequest { PageSize = 1000 })).ToByteArray());
        hash.AppendData((await figures.ListIndicatorsAsync(new ListIndicatorsRequest { PageSize = 1000 })).ToByteArray());
        hash.AppendData((await figures.ListOrgUnitsAsync(new ListOrgUnitsRequest { PageSize = 1000 })).ToByteArray());
        hash.AppendData((await figures.ListPeriodsAsync(new ListPeriodsRequest { PageSize = 1000 })).ToByteArray());
        return Convert.ToHexString(hash.GetHashAndReset());
    }

    public async Task<global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus> HealthAsync() =>
        (await new global::Grpc.Health.V1.Health.HealthClient(Channel).CheckAsync(new global::Grpc.Health.V1.HealthCheckRequest())).Status;

    /// <summary>The channel for a case's token (see <see cref="CorpusCase.Token"/>).</summary>
    public GrpcChannel ChannelFor(string? token)
    {
        if (token is null)
        {
            return Channel;
        }
        lock (_channels)
        {
            if (!_channels.TryGetValue(token, out var channel))
            {
                channel = token switch
                {
                    "none" => CreateChannel((string?)null),
                    "garbage" => CreateChannel("not-a-jwt"),
                    "huge" => CreateChannel(new string('A', 100_000)),
                    "expired" => CreateChannel(TokenSigner.Sign(SigningKeyRing.ToSecurityKey(new SigningKeyOptions { Id = TestKeys.KeyId, Secret = TestKeys.Secret }),
                        "indicatorexchange", "indicatorexchange", "expired", Roles.CountyReporter, "654025",
                        DateTimeOffset.UtcNow.AddHours(-2), TimeSpan.FromHours(1)).Token),
                    _ when token.Split(':') is [var role, var orgUnit] => CreateChannel(TokenSigner.Sign(
                        SigningKeyRing.ToSecurityKey(new SigningKeyOptions { Id = TestKeys.KeyId, Secret = TestKeys.Secret }),
                        "indicatorexchange", "indicatorexchange", $"corpus-{role}", role, orgUnit, DateTimeOffset.UtcNow, TimeSpan.FromHours(2)).Token),
                    _ => throw new InvalidDataException($"unknown token kind '{token}'"),
                };
                _channels[token] = channel;
            }
            return channel;
        }
    }
}
