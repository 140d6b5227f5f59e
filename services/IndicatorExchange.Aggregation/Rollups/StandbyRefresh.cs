using IndicatorExchange.Aggregation.Storage;
using Microsoft.Extensions.Hosting;

namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>
/// On a replica that shares its storage with others (PostgreSQL): the leader's commits reach this replica's summary
/// caches and WatchSummary streams as its own would, so a standby serves no stale row and its watchers see each change.
/// </summary>
internal sealed class StandbyRefresh(IRollupCommits commits, RollupSignal signal, FeedProgress progress) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await commits.FollowAsync(Apply, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private ValueTask Apply(RollupCommit commit)
    {
        if (commit.Cursor is { } cursor)
        {
            progress.Report(cursor);
        }
        if (commit.Touched is null)
        {
            signal.NotifyAll();
        }
        else
        {
            signal.Notify(commit.Touched.Select(t => new SummaryKey(t.OrgUnit, t.Period)).ToHashSet());
        }
        return ValueTask.CompletedTask;
    }
}
