using System.Diagnostics;
using Grpc.Core;
using Grpc.Net.Client;
using IndicatorExchange.Contracts.Aggregation.V1;

namespace IndicatorExchange.Host;

/// <summary>
/// <c>indicatorexchange rebuild [--address=URL]</c>: asks a running aggregation service to recompute every
/// rollup by replaying the indicator service's change feed, and reports what it did.
/// </summary>
public static class RebuildCommand
{
    public const string Name = "rebuild";

    public static async Task<int> RunAsync(string[] args)
    {
        var address = args.FirstOrDefault(a => a.StartsWith("--address=", StringComparison.Ordinal))?["--address=".Length..]
                      ?? $"http://127.0.0.1:{Modules.AllInOnePort}";
        using var channel = CommandCredentials.Channel(address, args);
        var client = new AggregationService.AggregationServiceClient(channel);
        Console.WriteLine($"Rebuilding the rollups of the aggregation service at {address} …");
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await client.RebuildRollupsAsync(new RebuildRollupsRequest(), deadline: DateTime.UtcNow.AddMinutes(30));
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
