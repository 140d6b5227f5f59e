using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Hardening;

/// <summary>Values are stored exactly as sent or refused: never rounded, never with a control character dropped (issue 21, items 1, 2, 9).</summary>
public sealed class ExactValueTests(HardeningSuiteFactory suite) : IClassFixture<HardeningSuiteFactory>
{
    private readonly IndicatorService.IndicatorServiceClient _client = new(suite.CreateChannel());

    [Theory]
    [InlineData("0.00000000000000000000000000001", "INVALID_DECIMAL")] // 29 places: was stored as 0
    [InlineData("0.00000000000000000000000000019", "INVALID_DECIMAL")] // 29 places: was stored as 0.0000000000000000000000000002
    [InlineData("12\0", "CONTROL_CHARACTER")] // was stored as 12
    [InlineData("12.", "INVALID_DECIMAL")] // outside the contract's grammar: was stored as 12
    [InlineData(".5", "INVALID_DECIMAL")] // outside the contract's grammar: was stored as 0.5
    public async Task A_value_decimal_cannot_hold_exactly_or_outside_the_grammar_is_refused_not_altered(string value, string reason)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.SubmitFiguresAsync(Batch("654021", "2023", Figure("GDP", value, "亿元"))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("figures[0].quantity.value", reason)], Violations(error));
        Assert.DoesNotContain("\0", error.Status.Detail + string.Join("", error.GetRpcStatus()!.Details.Select(d => d.ToString())), StringComparison.Ordinal);
        Assert.Empty((await _client.ListFiguresAsync(new ListFiguresRequest { OrgUnit = "654021", Period = "2023" })).Figures);
    }

    [Fact]
    public async Task A_value_with_28_decimal_places_is_kept_exactly_as_sent_and_normalised_exactly()
    {
        var response = await _client.SubmitFiguresAsync(Batch("654022", "2023", Figure("GDP", "0.0000000000000000000000000001", "亿元")));

        Assert.Equal(1, response.Summary.Created);
        var figure = Assert.Single((await _client.ListFiguresAsync(new ListFiguresRequest { OrgUnit = "654022", Period = "2023" })).Figures);
        Assert.Equal("0.0000000000000000000000000001", figure.Sent.Value.Value);
    }

    [Theory]
    [InlineData("1.", "INVALID_DECIMAL")]
    [InlineData("3\u0000", "CONTROL_CHARACTER")]
    public async Task A_growth_outside_the_grammar_is_refused(string growth, string reason)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.SubmitFiguresAsync(Batch("654023", "2023", Figure("GDP", "1", "亿元", growth))).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([("figures[0].yoy_growth_pct", reason)], Violations(error));
    }

    [Theory]
    [InlineData("GDP\0", "亿元", "", "figures[0].indicator")]
    [InlineData("GDP", "亿元\u0007", "", "figures[0].quantity.unit")]
    [InlineData("GDP", "亿元", "checked\0", "figures[0].note")]
    public async Task A_control_character_in_a_code_unit_or_note_is_refused_by_name(string indicator, string unit, string note, string field)
    {
        var figure = Figure(indicator, "1", unit);
        figure.Note = note;

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.SubmitFiguresAsync(Batch("654024", "2023", figure)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([(field, "CONTROL_CHARACTER")], Violations(error));
        Assert.Empty((await _client.ListFiguresAsync(new ListFiguresRequest { OrgUnit = "654024", Period = "2023" })).Figures);
    }

    [Fact]
    public async Task A_note_may_hold_line_breaks_and_a_unit_surrounding_blanks_as_the_contract_says()
    {
        var figure = Figure("GDP", "7", " 亿元 ");
        figure.Note = "第一行\n第二行\tend";

        await _client.SubmitFiguresAsync(Batch("654026", "2023", figure));

        var stored = Assert.Single((await _client.ListFiguresAsync(new ListFiguresRequest { OrgUnit = "654026", Period = "2023" })).Figures);
        Assert.Equal(("亿元", "第一行\n第二行\tend"), (stored.Sent.Unit, stored.Note));
    }
}
