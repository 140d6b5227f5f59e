using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests;

/// <summary>
/// Quality warnings (domain.md §9, DefaultRules): accepted figures that look wrong are flagged for a person to
/// confirm, in the answer's ImportSummary and on the stored revision. The demo's 2022 figures of Yining and
/// Xinyuan are loaded; tests only add other periods or indicators to them, and otherwise use their own county.
/// </summary>
public sealed class QualityWarningTests(SuiteFactory suite) : IClassFixture<SuiteFactory>
{
    private readonly IndicatorService.IndicatorServiceClient _client = new(suite.CreateChannel());

    [Fact]
    public async Task The_milk_and_egg_swap_of_the_Yining_report_is_accepted_with_warnings()
    {
        // 2022 (demo): milk 0.8, egg 2.5, grain 12.6 万吨. The 2023 target sentence gives milk and egg the other way round.
        var response = await _client.SubmitFiguresAsync(Batch("654002", "2023",
            Figure("MILK_OUTPUT", "2.6", "万吨"),
            Figure("EGG_OUTPUT", "0.8", "万吨"),
            Figure("GRAIN_OUTPUT", "13", "万吨")));

        Assert.Equal((3, 0, 0, 0), Counts(response.Summary));
        Assert.Equal(
            [
                (0, "figures[0]", "YOY_CHANGE_TOO_LARGE", IssueSeverity.Warning),
                (1, "figures[1]", "YOY_CHANGE_TOO_LARGE", IssueSeverity.Warning),
            ],
            Issues(response.Summary));
        Assert.All(response.Summary.Issues, issue => Assert.False(string.IsNullOrWhiteSpace(issue.Message)));

        var stored = (await Figures.ListAllAsync(_client, "654002", "2023")).ToDictionary(f => f.Indicator);
        Assert.Equal([("YOY_CHANGE_TOO_LARGE", false)], Warnings(stored["MILK_OUTPUT"]));
        Assert.Equal([("YOY_CHANGE_TOO_LARGE", false)], Warnings(stored["EGG_OUTPUT"]));
        Assert.Empty(stored["GRAIN_OUTPUT"].Warnings);
        Assert.Equal(response.Summary.Issues[0].Message, stored["MILK_OUTPUT"].Warnings[0].Message);
    }

    [Fact]
    public async Task Confirming_a_warning_makes_a_new_revision_once_and_then_nothing()
    {
        // The same jump (0.8 → 2.6 万吨 of milk) in a county of its own.
        await _client.SubmitFiguresAsync(Batch("654026", "2021", Figure("MILK_OUTPUT", "0.8", "万吨")));
        var first = await _client.SubmitFiguresAsync(Batch("654026", "2022", Figure("MILK_OUTPUT", "2.6", "万吨")));
        Assert.Equal([(0, "figures[0]", "YOY_CHANGE_TOO_LARGE", IssueSeverity.Warning)], Issues(first.Summary));

        var confirmed = await _client.SubmitFiguresAsync(Batch("654026", "2022", Confirmed(Figure("MILK_OUTPUT", "2.6", "万吨"))));
        var again = await _client.SubmitFiguresAsync(Batch("654026", "2022", Confirmed(Figure("MILK_OUTPUT", "2.6", "万吨"))));

        Assert.Equal((1, 0, 0, 0), Counts(first.Summary));
        Assert.Equal((0, 1, 0, 0), Counts(confirmed.Summary));
        Assert.True(confirmed.LastSequence > first.LastSequence);
        Assert.Equal((0, 0, 1, 0), Counts(again.Summary));
        Assert.Equal(0, again.LastSequence);

        var milk = Assert.Single(await Figures.ListAllAsync(_client, "654026", "2022"));
        Assert.Equal(2, milk.Revision);
        Assert.Equal("2.6", milk.Value.Value.Value);
        Assert.Equal([("YOY_CHANGE_TOO_LARGE", true)], Warnings(milk));
        var history = (await _client.GetFigureHistoryAsync(new GetFigureHistoryRequest { OrgUnit = "654026", Period = "2022", Indicator = "MILK_OUTPUT" })).Revisions;
        Assert.Equal([1L, 2L], history.Select(r => r.Revision));
        Assert.Equal([("YOY_CHANGE_TOO_LARGE", false)], Warnings(history[0]));
        Assert.Equal(history[0].Sequence, history[1].ReplacesSequence);
    }

    [Fact]
    public async Task A_component_above_its_total_in_one_batch_warns_on_both_sides()
    {
        var response = await _client.SubmitFiguresAsync(Batch("654021", "2021",
            Figure("RETAIL_SALES_ABOVE_SIZE", "6", "亿元"),
            Figure("RETAIL_SALES", "5", "亿元")));

        Assert.Equal((2, 0, 0, 0), Counts(response.Summary));
        Assert.Equal(
            [
                (0, "figures[0]", "COMPONENT_EXCEEDS_TOTAL", IssueSeverity.Warning),
                (1, "figures[1]", "TOTAL_BELOW_COMPONENT", IssueSeverity.Warning),
            ],
            Issues(response.Summary));
        var stored = (await Figures.ListAllAsync(_client, "654021", "2021")).ToDictionary(f => f.Indicator);
        Assert.Equal([("COMPONENT_EXCEEDS_TOTAL", false)], Warnings(stored["RETAIL_SALES_ABOVE_SIZE"]));
        Assert.Equal([("TOTAL_BELOW_COMPONENT", false)], Warnings(stored["RETAIL_SALES"]));
    }

    [Fact]
    public async Task A_total_below_a_stored_component_warns_and_a_larger_one_does_not()
    {
        // Xinyuan's 2022 retail sales above designated size (5.04 亿元), in a county of its own.
        await _client.SubmitFiguresAsync(Batch("654028", "2022", Figure("RETAIL_SALES_ABOVE_SIZE", "5.04", "亿元")));

        var below = await _client.SubmitFiguresAsync(Batch("654028", "2022", Figure("RETAIL_SALES", "4", "亿元")));
        var above = await _client.SubmitFiguresAsync(Batch("654028", "2022", Figure("RETAIL_SALES", "101", "亿元")));

        Assert.Equal([(0, "figures[0]", "TOTAL_BELOW_COMPONENT", IssueSeverity.Warning)], Issues(below.Summary));
        Assert.Equal((0, 1, 0, 0), Counts(above.Summary));
        // No component warning any more; the correction itself (4 → 101) is a revision beyond the threshold, to confirm.
        Assert.Equal([(0, "figures[0]", "REVISION_CHANGE_TOO_LARGE", IssueSeverity.Warning)], Issues(above.Summary));
        var total = Assert.Single(await Figures.ListAllAsync(_client, "654028", "2022"), f => f.Indicator == "RETAIL_SALES");
        Assert.Equal([("REVISION_CHANGE_TOO_LARGE", false)], Warnings(total));
    }

    [Fact]
    public async Task Growth_contradicting_the_prior_year_figure_warns_beyond_three_points()
    {
        await _client.SubmitFiguresAsync(Batch("654022", "2020", Figure("GDP", "100", "亿元")));

        var contradicting = await _client.SubmitFiguresAsync(Batch("654022", "2021", Figure("GDP", "110", "亿元", growth: "30")));
        var plausible = await _client.SubmitFiguresAsync(Batch("654022", "2021", Figure("GDP", "110", "亿元", growth: "9")));

        Assert.Equal([(0, "figures[0]", "GROWTH_CONTRADICTS_PRIOR_YEAR", IssueSeverity.Warning)], Issues(contradicting.Summary));
        // 110 / 100 is +10% nominal; 9% real growth lies within the tolerance of 3 points.
        Assert.Equal((0, 1, 0, 0), Counts(plausible.Summary));
        Assert.Empty(plausible.Summary.Issues);
        Assert.Empty(Assert.Single(await Figures.ListAllAsync(_client, "654022", "2021")).Warnings);
    }

    [Fact]
    public async Task A_year_to_date_value_below_the_previous_quarter_warns()
    {
        await _client.SubmitFiguresAsync(Batch("654023", "2024Q2", Figure("FIXED_ASSET_INVESTMENT", "50", "亿元")));

        var decreased = await _client.SubmitFiguresAsync(Batch("654023", "2024Q3", Figure("FIXED_ASSET_INVESTMENT", "40", "亿元")));

        Assert.Equal([(0, "figures[0]", "CUMULATIVE_DECREASED", IssueSeverity.Warning)], Issues(decreased.Summary));
        Assert.Equal([("CUMULATIVE_DECREASED", false)], Warnings(Assert.Single(await Figures.ListAllAsync(_client, "654023", "2024Q3"))));
    }

    [Fact]
    public async Task A_year_to_date_value_sent_after_the_next_quarter_and_above_it_warns()
    {
        await _client.SubmitFiguresAsync(Batch("654023", "2023Q3", Figure("FIXED_ASSET_INVESTMENT", "40", "亿元")));

        var above = await _client.SubmitFiguresAsync(Batch("654023", "2023Q2", Figure("FIXED_ASSET_INVESTMENT", "50", "亿元")));
        var below = await _client.SubmitFiguresAsync(Batch("654023", "2023Q1", Figure("FIXED_ASSET_INVESTMENT", "30", "亿元")));

        Assert.Equal([(0, "figures[0]", "CUMULATIVE_EXCEEDS_NEXT", IssueSeverity.Warning)], Issues(above.Summary));
        Assert.Equal([("CUMULATIVE_EXCEEDS_NEXT", false)], Warnings(Assert.Single(await Figures.ListAllAsync(_client, "654023", "2023Q2"))));
        Assert.Empty(below.Summary.Issues); // Q1 30 ≤ Q2 50
    }

    [Fact]
    public async Task A_revision_beyond_the_indicators_threshold_warns_with_the_old_and_the_new_value()
    {
        await _client.SubmitFiguresAsync(Batch("654027", "2023Q2", Figure("GDP", "100", "亿元")));

        // +27%, beyond the demo catalog's 10% for GDP; then +5% of that, within it.
        var revised = await _client.SubmitFiguresAsync(Batch("654027", "2023Q2", Figure("GDP", "127", "亿元")));
        var small = await _client.SubmitFiguresAsync(Batch("654027", "2023Q2", Figure("GDP", "133.35", "亿元")));

        Assert.Equal([(0, "figures[0]", "REVISION_CHANGE_TOO_LARGE", IssueSeverity.Warning)], Issues(revised.Summary));
        var message = revised.Summary.Issues[0].Message;
        Assert.Contains("原值 100 亿元，新值 127 亿元", message);
        Assert.Contains("was 100 亿元, now 127 亿元", message);
        Assert.Empty(small.Summary.Issues);
        var history = await _client.GetFigureHistoryAsync(new GetFigureHistoryRequest { OrgUnit = "654027", Indicator = "GDP", Period = "2023Q2" });
        Assert.Equal([("REVISION_CHANGE_TOO_LARGE", false)], Warnings(history.Revisions.Single(r => r.Revision == 2)));
    }

    [Fact]
    public async Task A_fourth_quarter_that_differs_from_the_annual_figure_warns()
    {
        await _client.SubmitFiguresAsync(Batch("654024", "2024", Figure("GDP", "100", "亿元")));

        var differing = await _client.SubmitFiguresAsync(Batch("654024", "2024Q4", Figure("GDP", "99", "亿元")));
        var equal = await _client.SubmitFiguresAsync(Batch("654024", "2024Q4", Figure("GDP", "1000000", "万元")));

        Assert.Equal([(0, "figures[0]", "Q4_DIFFERS_FROM_ANNUAL", IssueSeverity.Warning)], Issues(differing.Summary));
        Assert.Equal((0, 1, 0, 0), Counts(equal.Summary));
        Assert.Empty(equal.Summary.Issues);
    }

    [Fact]
    public async Task An_annual_figure_that_differs_from_the_fourth_quarter_warns()
    {
        await _client.SubmitFiguresAsync(Batch("654027", "2024Q4", Figure("GDP", "99", "亿元")));

        var differing = await _client.SubmitFiguresAsync(Batch("654027", "2024", Figure("GDP", "100", "亿元")));

        Assert.Equal([(0, "figures[0]", "ANNUAL_DIFFERS_FROM_Q4", IssueSeverity.Warning)], Issues(differing.Summary));
    }

    [Fact]
    public async Task Validate_only_returns_the_same_warnings_and_writes_nothing()
    {
        // Xinyuan's 2022 GDP is 133.61 亿元 (+3%): 300 in 2023 is a jump of 125%, and contradicts the +3% sent with it.
        var request = Batch("654025", "2023", Figure("GDP", "300", "亿元", growth: "3"));
        request.ValidateOnly = true;

        var dryRun = await _client.SubmitFiguresAsync(request);

        Assert.Equal((1, 0, 0, 0), Counts(dryRun.Summary));
        Assert.Equal(0, dryRun.LastSequence);
        Assert.Equal(
            [
                (0, "figures[0]", "GROWTH_CONTRADICTS_PRIOR_YEAR", IssueSeverity.Warning),
                (0, "figures[0]", "YOY_CHANGE_TOO_LARGE", IssueSeverity.Warning),
            ],
            Issues(dryRun.Summary).OrderBy(i => i.Reason, StringComparer.Ordinal));
        Assert.Empty(await Figures.ListAllAsync(_client, "654025", "2023"));

        request.ValidateOnly = false;
        var real = await _client.SubmitFiguresAsync(request);

        Assert.Equal(dryRun.Summary, real.Summary);
        Assert.True(real.LastSequence > 0);
        Assert.Equal(2, Assert.Single(await Figures.ListAllAsync(_client, "654025", "2023")).Warnings.Count);
    }

    private static FigureInput Confirmed(FigureInput figure)
    {
        figure.ConfirmWarnings = true;
        return figure;
    }

    private static (int Created, int Updated, int Unchanged, int Rejected) Counts(ImportSummary summary) =>
        (summary.Created, summary.Updated, summary.Unchanged, summary.Rejected);

    private static List<(int Index, string Field, string Reason, IssueSeverity Severity)> Issues(ImportSummary summary) =>
        summary.Issues.Select(i => (i.Index, i.Field, i.Reason, i.Severity)).ToList();

    private static List<(string Rule, bool Confirmed)> Warnings(Figure figure) =>
        figure.Warnings.Select(w => (w.Rule, w.Confirmed)).ToList();
}
