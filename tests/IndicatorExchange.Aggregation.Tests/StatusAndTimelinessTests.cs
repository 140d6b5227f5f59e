using IndicatorExchange.Aggregation.Tests.Support;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Common.V1;
using static IndicatorExchange.Aggregation.Tests.Support.TestCatalog;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>Status counts: how advanced the reporting children's figures are, open warnings, and who was late.</summary>
public sealed class StatusAndTimelinessTests
{
    /// <summary>Nation 100000, region 110000, prefectures 110100 (counties 110101–110104) and 110200 (110201–110204).</summary>
    private static readonly GeneratedTree Tree = GeneratedTree.Build(1, _ => 2, _ => 4);
    private const string Prefecture = "110100";
    private const string Period = "2023Q1";
    private static readonly DateTimeOffset Deadline = DeadlineOf(Period);

    /// <summary>
    /// 110101: on time and preliminary, then final after the deadline; 110102: first arrival late;
    /// 110103: preliminary with two open warnings; 110104: reported with a warning, revised without one;
    /// 110201: exactly at the deadline. Each change is its own batch.
    /// </summary>
    private static async Task<Aggregator> LoadAsync()
    {
        var feed = new FigureFeed();
        var aggregator = Aggregator.Create(Tree.Tree);
        await aggregator.ApplyInBatchesAsync(
        [
            feed.Next("110101", Flow, Period, 10m, Deadline.AddDays(-5), status: 1),
            feed.Next("110104", Flow, Period, 40m, Deadline.AddDays(-1), status: 2, openWarnings: 1),
            feed.Next("110103", Flow, Period, 30m, Deadline.AddHours(-3), status: 1, openWarnings: 2),
            feed.Next("110104", Flow, Period, 41m, Deadline.AddHours(-2), status: 2),
            feed.Next("110201", Flow, Period, 50m, Deadline, status: 3),
            feed.Next("110102", Flow, Period, 20m, Deadline.AddDays(1), status: 2),
            feed.Next("110101", Flow, Period, 11m, Deadline.AddDays(5), status: 3),
        ], 1);
        return aggregator;
    }

    [Fact]
    public async Task Status_counts_tell_preliminary_reported_final_open_warnings_and_late_first_arrivals_apart()
    {
        await using var aggregator = await LoadAsync();

        var row = await aggregator.RowAsync(Prefecture, Period, Flow);

        Assert.Equal(new StatusCounts { Preliminary = 1, Reported = 2, Final = 1, WithOpenWarnings = 1, OnTime = 3, Late = 1 }, row.StatusCounts);
        var children = row.Children.ToDictionary(c => c.OrgUnit);
        Assert.Equal((FigureStatus.Final, false), (children["110101"].Status, children["110101"].Late));
        Assert.Equal(Deadline.AddDays(-5), children["110101"].FirstReceivedAt.ToDateTimeOffset());
        Assert.Equal((FigureStatus.Reported, true), (children["110102"].Status, children["110102"].Late));
        Assert.True(children["110103"].HasOpenWarnings);
        Assert.False(children["110104"].HasOpenWarnings);
        Assert.Equal(Deadline.AddDays(-1), children["110104"].FirstReceivedAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task A_figure_first_received_exactly_at_the_deadline_is_on_time()
    {
        await using var aggregator = await LoadAsync();

        var row = await aggregator.RowAsync("110200", Period, Flow);

        Assert.Equal(new StatusCounts { Final = 1, OnTime = 1 }, row.StatusCounts);
        Assert.False(row.Children.Single().Late);
    }

    [Fact]
    public async Task A_rolled_up_child_counts_with_its_least_advanced_status_and_is_late_or_warned_when_any_county_below_it_is()
    {
        await using var aggregator = await LoadAsync();

        var row = await aggregator.RowAsync("110000", Period, Flow);

        Assert.Equal(new StatusCounts { Preliminary = 1, Final = 1, WithOpenWarnings = 1, OnTime = 1, Late = 1 }, row.StatusCounts);
        var prefecture = row.Children.Single(c => c.OrgUnit == Prefecture);
        Assert.Equal((FigureStatus.Preliminary, true, true, false), (prefecture.Status, prefecture.Late, prefecture.HasOpenWarnings, prefecture.Partial));
        Assert.Equal(Deadline.AddDays(1), prefecture.FirstReceivedAt.ToDateTimeOffset()); // the latest first arrival below it
    }

    [Fact]
    public async Task As_of_a_past_moment_status_counts_are_those_of_the_revisions_received_by_then()
    {
        await using var aggregator = await LoadAsync();

        var atDeadline = await aggregator.RowAsync(Prefecture, Period, Flow, asOf: Deadline.AddHours(12));
        Assert.Equal(new StatusCounts { Preliminary = 2, Reported = 1, WithOpenWarnings = 1, OnTime = 3 }, atDeadline.StatusCounts);
        Assert.Equal(["110102"], atDeadline.MissingOrgUnits);

        var later = await aggregator.RowAsync(Prefecture, Period, Flow, asOf: Deadline.AddDays(30));
        Assert.Equal(await aggregator.RowAsync(Prefecture, Period, Flow), later);
    }
}
