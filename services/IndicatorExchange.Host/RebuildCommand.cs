using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using IndicatorExchange.Contracts.Aggregation.V1;

namespace IndicatorExchange.Host;

/// <summary>
/// <c>indicatorexchange rebuild [--address=URL] [--from=feed|stored]</c>: asks a running aggregation service to
/// recompute every rollup, by replaying the indicator service's change feed (default) or from the figures it
/// already holds, and reports what it did.
/// </summary>
public static class RebuildCommand
{
    public const string Name = "rebuild";

    public static async Task<int> RunAsync(string[] args)
    {
        var address = args.FirstOrDefault(a => a.StartsWith("--address=", StringComparison.Ordinal))?["--address=".Length..]
                      ?? $"http://127.0.0.1:{Modules.AllInOnePort}";
        var from = args.FirstOrDefault(a => a.StartsWith("--from=", StringComparison.Ordinal))?["--from=".Length..] ?? "feed";
        if (from is not ("feed" or "stored"))
        {
            Console.Error.WriteLine($"--from={from}: expected feed (replay the change feed) or stored (the figures the aggregator holds).");
            return 2;
        }
        var source = from == "stored" ? RebuildSource.StoredFigures : RebuildSource.ChangeFeed;
        using var channel = CommandCredentials.Channel(address, args);
        var client = new AggregationService.AggregationServiceClient(channel);
        Console.WriteLine($"Rebuilding the rollups of the aggregation service at {address} from {(from == "stored" ? "its stored figures" : "the change feed")} …");
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await client.RebuildRollupsAsync(new RebuildRollupsRequest { Source = source }, deadline: DateTime.UtcNow.AddMinutes(30));
            Console.WriteLine($"Done in {stopwatch.Elapsed.TotalSeconds:0.0} s: {result.RevisionsReplayed} revisions replayed, {result.Rows} rollup rows, as of feed sequence {result.AsOfSequence}.");
            return 0;
        }
        catch (RpcException exception)
        {
            Console.Error.WriteLine($"Rebuild failed: {exception.Status.StatusCode}: {exception.Status.Detail}");
            return 1;
        }
    }
}
