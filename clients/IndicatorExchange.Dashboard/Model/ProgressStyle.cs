using IndicatorExchange.Contracts.Aggregation.V1;
using MudBlazor;

namespace IndicatorExchange.Dashboard.Model;

/// <summary>How each target status is coloured: red behind, green on track, teal ahead, dark green achieved, grey not reported.</summary>
public static class ProgressStyle
{
    public static string CssClass(ProgressStatus status) => status switch
    {
        ProgressStatus.Behind => "progress-behind",
        ProgressStatus.OnTrack => "progress-on-track",
        ProgressStatus.Ahead => "progress-ahead",
        ProgressStatus.Achieved => "progress-achieved",
        _ => "progress-not-reported",
    };

    public static Color Color(ProgressStatus status) => status switch
    {
        ProgressStatus.Behind => MudBlazor.Color.Error,
        ProgressStatus.OnTrack => MudBlazor.Color.Success,
        ProgressStatus.Ahead => MudBlazor.Color.Info,
        ProgressStatus.Achieved => MudBlazor.Color.Primary,
        _ => MudBlazor.Color.Default,
    };

    /// <summary>The least advanced of several statuses (a row with two targets is as good as its worse one).</summary>
    public static ProgressStatus Worst(IEnumerable<ProgressStatus> statuses) =>
        statuses.Select(s => s == ProgressStatus.Unspecified ? ProgressStatus.NotReported : s)
            .DefaultIfEmpty(ProgressStatus.NotReported)
            .OrderBy(Order)
            .First();

    private static int Order(ProgressStatus status) => status switch
    {
        ProgressStatus.Behind => 0,
        ProgressStatus.NotReported => 1,
        ProgressStatus.OnTrack => 2,
        ProgressStatus.Ahead => 3,
        _ => 4,
    };
}
