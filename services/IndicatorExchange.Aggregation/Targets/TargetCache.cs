using System.Collections.Concurrent;
using Grpc.Core;
using IndicatorExchange.Aggregation.Rollups;
using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Target.V1;
using Microsoft.Extensions.Hosting;
using ProtoTarget = IndicatorExchange.Contracts.Target.V1.Target;

namespace IndicatorExchange.Aggregation.Targets;

/// <summary>
/// The current targets, followed over gRPC from the target service's feed (WatchTargets) from the beginning at
/// each start and kept in memory; every change wakes the summary watchers, since progress is computed when a
/// summary is read. A broken stream is re-opened with the client library's backoff and jitter.
/// </summary>
internal sealed class TargetCache(IndicatorExchangeClient peers, RollupSignal signal) : BackgroundService
{
    private readonly ConcurrentDictionary<(string OrgUnit, string Indicator, int Year), ConcurrentDictionary<TargetKind, ProtoTarget>> _targets = new();
    private long _sequence;

    /// <summary>The current targets of one org unit, indicator and year.</summary>
    public IReadOnlyCollection<ProtoTarget> For(string orgUnit, string indicator, int year) =>
        _targets.TryGetValue((orgUnit, indicator, year), out var byKind) ? byKind.Values.ToList() : [];

    /// <summary>The target-feed sequence applied so far.</summary>
    public long Sequence => Interlocked.Read(ref _sequence);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        peers.FollowAsync("Target feed", FollowAsync, stoppingToken);

    private async ValueTask FollowAsync(CancellationToken cancellationToken)
    {
        using var call = peers.Targets.WatchTargets(new WatchTargetsRequest { AfterSequence = Sequence }, cancellationToken: cancellationToken);
        await foreach (var message in call.ResponseStream.ReadAllAsync(cancellationToken))
        {
            foreach (var target in message.Targets)
            {
                var definition = target.Definition;
                _targets.GetOrAdd((definition.OrgUnit, definition.Indicator, definition.Year), _ => new())[definition.Kind] = target;
                Interlocked.Exchange(ref _sequence, target.Sequence);
            }
            signal.NotifyAll();
        }
    }
}
