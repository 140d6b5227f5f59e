using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Hardening;

/// <summary>Every text field has a limit the contract states, refused with INVALID_ARGUMENT naming it (issue 21, item 3).</summary>
public sealed class TextLimitTests(HardeningSuiteFactory suite) : IClassFixture<HardeningSuiteFactory>
{
    private readonly IndicatorService.IndicatorServiceClient _client = new(suite.CreateChannel());

    [Theory]
    [InlineData(2_001)]
    [InlineData(100_000)]
    [InlineData(10_000_000)]
    public async Task A_note_over_2000_characters_is_refused_naming_the_limit(int length)
    {
        var figure = Figure("GDP", "1", "亿元");
        figure.Note = new string('注', 1) + new string('x', length - 1);

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitFiguresAsync(Batch("654021", "2023", figure)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("figures[0].note", "TOO_LONG")], Violations(error));
        Assert.Contains("2000", error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations[0].Description, StringComparison.Ordinal);
        Assert.Empty((await _client.ListFiguresAsync(new ListFiguresRequest { OrgUnit = "654021" })).Figures);
    }

    [Fact]
    public async Task A_note_of_2000_characters_is_accepted()
    {
        var figure = Figure("GDP", "1", "亿元");
        figure.Note = new string('注', 2_000);

        var response = await _client.SubmitFiguresAsync(Batch("654022", "2023", figure));

        Assert.Equal(1, response.Summary.Created);
    }

    [Fact]
    public async Task A_request_id_over_128_characters_is_refused()
    {
        var batch = Batch("654023", "2023", Figure("GDP", "1", "亿元"));
        batch.RequestId = new string('r', 100_000);

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitFiguresAsync(batch).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("request_id", "TOO_LONG")], Violations(error));
        Assert.Empty((await _client.ListFiguresAsync(new ListFiguresRequest { OrgUnit = "654023" })).Figures);
    }

    [Fact]
    public async Task A_value_over_64_characters_is_refused_as_too_long()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.SubmitFiguresAsync(Batch("654023", "2023", Figure("GDP", "1" + new string('0', 20) + "." + new string('0', 60), "亿元"))).ResponseAsync);

        Assert.Equal([("figures[0].quantity.value", "TOO_LONG")], Violations(error));
    }

    [Fact]
    public async Task A_target_note_or_request_id_over_the_limit_is_refused()
    {
        var targets = new TargetService.TargetServiceClient(suite.CreateChannel());
        var request = new SetTargetsRequest { RequestId = new string('r', 129) };
        request.Targets.Add(new TargetInput
        {
            OrgUnit = "654025", Indicator = "GDP", Year = 2023, Kind = TargetKind.GrowthAtLeast,
            Threshold = new Contracts.Common.V1.Decimal { Value = "8" }, Unit = "%", Note = new string('n', 2_001),
        });

        var error = await Assert.ThrowsAsync<RpcException>(() => targets.SetTargetsAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("request_id", "TOO_LONG"), ("targets[0].note", "TOO_LONG")], Violations(error));
    }
}
