using IndicatorExchange.Aggregation.Rollups;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Indicator.V1;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace IndicatorExchange.Aggregation.Feed;

/// <summary>
/// Follows the indicator service's change feed over gRPC from the persisted cursor, applying each
/// message and moving the cursor in one transaction, so a restart or a broken stream neither loses
/// nor repeats a change. A broken stream is re-opened with the client library's backoff and jitter (Polly).
/// Only while this replica leads (<see cref="IRollupLeadership"/>; always, on SQLite): a replica that stops leading
/// drops the stream and waits to lead again.
/// </summary>
internal sealed class ChangeFeedConsumer(
    IndicatorExchangeClient peers, IRollupStore store, RollupEngine engine, FeedProgress progress, FeedControl control, IHostApplicationLifetime lifetime,
    IRollupLeadership leadership, ILogger<ChangeFeedConsumer> logger)
    : BackgroundService
{
    public const string FeedName = "indicator";

    /// <summary>
    /// At most this many revisions (of messages already received) are applied in one transaction: fewer, larger commits
    /// against a bigger transaction's memory. In the national benchmarks (with the host's GC allocation budget capped),
    /// 25,000 replayed a quarter's feed in 12.0 s and caught up 7.7 s after a quarter's ingest, against 13.6–16.4 s and
    /// 9.1–10.0 s at 10,000, with the same peak (524 MB); 50,000 replayed it in 11.2 s but peaked at 546 MB.
    /// </summary>
    public const int MaxRevisionsPerTransaction = 25_000;

    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        // Stops as soon as the application starts stopping: an indicator service in the same process ends its streams
        // then, before this service's own stop, and the consumer would report a broken feed and open it again.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        progress.Report(await store.GetCursorAsync(FeedName, stoppingToken));
        while (!stoppingToken.IsCancellationRequested)
        {
            CancellationToken lost;
            try
            {
                lost = await leadership.AcquireAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return; // stopped while standing by
            }
            if (lost.CanBeCanceled)
            {
                // Another replica may have committed since this one last led.
                await engine.ForgetKeptValuesAsync(stoppingToken);
                logger.LogInformation("Leading: following the change feed");
            }
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, lost);
            await peers.FollowAsync("Change feed", ConsumeAsync, leading.Token);
            if (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("No longer leading: standing by, serving reads");
            }
        }
    }

    /// <summary>Reads the stream until it breaks. A break after progress returns (the caller re-opens at once); a break before any progress throws (backoff).</summary>
    private async ValueTask ConsumeAsync(CancellationToken stoppingToken)
    {
        var streamToken = control.StreamToken;
        if (control.TakeResetRequest() is { } reset)
        {
            await engine.ResetAsync(stoppingToken);
            progress.Reset();
            reset.TrySetResult();
            logger.LogInformation("Rollups reset; replaying the change feed from the beginning");
        }
        if (await store.RecomputationPendingAsync(stoppingToken))
        {
            // After an upgrade that changed how the rollups are stored: they are rebuilt from the figures already here.
            logger.LogInformation("Recomputing every rollup from the stored figures, as the last upgrade asked");
            var values = await engine.RecomputeAllAsync(stoppingToken);
            logger.LogInformation("Recomputed {Values} rollups; following the change feed", values);
        }
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, streamToken);
        var cancellationToken = linked.Token;
        var cursor = await store.GetCursorAsync(FeedName, cancellationToken);
        using var call = peers.Indicators.WatchChanges(new WatchChangesRequest { AfterSequence = cursor }, cancellationToken: cancellationToken);
        var progressed = false;
        try
        {
            var stream = call.ResponseStream;
            var next = stream.MoveNext(cancellationToken);
            while (await next)
            {
                // Coalesce what the server already has (a catch-up or a replay) into one transaction, so the rows it
                // touches are recomputed once rather than once per message; a live change is applied at once.
                var rows = stream.Current.Changes.Select(ToRow).ToList();
                var more = stream.Current.MorePending;
                next = stream.MoveNext(cancellationToken);
                while (rows.Count < MaxRevisionsPerTransaction && (more || next.IsCompletedSuccessfully) && await next)
                {
                    rows.AddRange(stream.Current.Changes.Select(ToRow));
                    more = stream.Current.MorePending;
                    next = stream.MoveNext(cancellationToken);
                }
                if (rows.Count == 0)
                {
                    continue; // only "nothing more pending" (a feed filtered by scope)
                }
                await engine.ApplyAsync(FeedName, rows, cancellationToken);
                progressed = true;
                progress.Report(rows[^1].Sequence);
            }
        }
        catch (Exception) when (streamToken.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // Dropped on purpose (a rebuild): the caller re-opens at once.
        }
        catch (Exception exception) when (progressed && !stoppingToken.IsCancellationRequested)
        {
            logger.LogInformation("Change feed broke after progress ({Error}); re-opening", exception.Message);
        }
    }

    private static FigureRow ToRow(Change change) => new()
    {
        OrgUnit = change.Figure.OrgUnit,
        Indicator = change.Figure.Indicator,
        Period = change.Figure.Period,
        Value = change.Figure.Value.Value.Value,
        YoyGrowthPct = change.Figure.YoyGrowthPct?.Value,
        Status = (int)change.Figure.Status,
        Revision = change.Figure.Revision,
        Sequence = change.Sequence,
        ReceivedAt = change.Figure.ReceivedAt.ToDateTimeOffset().ToString("O"),
        OpenWarnings = change.Figure.Warnings.Count(w => !w.Confirmed),
    };
}
