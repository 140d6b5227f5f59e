using System.CommandLine;
using System.Diagnostics;
using Grpc.Core;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Host.CommandLine;

namespace IndicatorExchange.Host;

/// <summary>
/// <c>indicatorexchange rebuild [--address URL] [--from feed|stored]</c>: asks a running aggregation service to
/// recompute every rollup, by replaying the indicator service's change feed (default) or from the figures it
/// already holds, and reports what it did.
/// </summary>
public static class RebuildCommand
{
    public const string Name = "rebuild";

    public static Command Build()
    {
        var admin = new AdminOptions();
        var from = new Option<string>("--from")
        {
            Description = "feed: replay the change feed (default); stored: recompute from the figures the aggregator holds",
            HelpName = "feed|stored",
            DefaultValueFactory = _ => "feed",
        };
        from.AcceptOnlyFromAmong("feed", "stored");
        var command = new Command(Name, "Recompute every rollup of a running aggregation service") { from };
        admin.AddTo(command);
        command.SetAction((parse, _) => RunAsync(parse, admin, parse.GetValue(from) == "stored"));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, AdminOptions admin, bool fromStored)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        var address = parse.GetValue(admin.Address)!;
        using var channel = admin.Channel(parse, address);
        var client = new AggregationService.AggregationServiceClient(channel);
        var source = fromStored ? RebuildSource.StoredFigures : RebuildSource.ChangeFeed;
        output.WriteLine($"Rebuilding the rollups of the aggregation service at {address} from {(fromStored ? "its stored figures" : "the change feed")} …");
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await client.RebuildRollupsAsync(new RebuildRollupsRequest { Source = source }, deadline: DateTime.UtcNow.AddMinutes(30));
            output.WriteLine($"Done in {stopwatch.Elapsed.TotalSeconds:0.0} s: {result.RevisionsReplayed} revisions replayed, {result.Rows} rollup rows, as of feed sequence {result.AsOfSequence}.");
            return HostExitCodes.Ok;
        }
        catch (RpcException exception)
        {
            error.WriteLine($"Rebuild failed: {exception.Status.StatusCode}: {exception.Status.Detail}");
            return HostExitCodes.Failed;
        }
    }
}
