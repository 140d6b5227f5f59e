using System.CommandLine;
using System.Diagnostics;
using Grpc.Core;
using IndicatorExchange.Admin.CommandLine;
using IndicatorExchange.Contracts.Aggregation.V1;

namespace IndicatorExchange.Admin.Rollups;

/// <summary>
/// <c>rebuild [--address URL] [--from feed|stored]</c>: asks a running aggregation service to recompute every rollup,
/// by replaying the indicator service's change feed (default) or from the figures it already holds, and reports what it did.
/// </summary>
public static class RebuildCommand
{
    public const string Name = "rebuild";

    private static readonly TimeSpan CallDeadline = TimeSpan.FromMinutes(30);

    public static Command Build(AdminConnection connection)
    {
        var from = new Option<string>("--from")
        {
            Description = "feed: replay the change feed (default); stored: recompute from the figures the aggregator holds",
            HelpName = "feed|stored",
            DefaultValueFactory = _ => "feed",
        };
        from.AcceptOnlyFromAmong("feed", "stored");
        var command = new Command(Name, "Recompute every rollup of a running aggregation service") { from };
        connection.AddTo(command);
        command.SetAction((parse, cancellation) => RunAsync(parse, connection, parse.GetValue(from) == "stored", cancellation));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, AdminConnection connection, bool fromStored, CancellationToken cancellation)
    {
        var (output, error) = (parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        using var client = connection.Connect(parse, CallDeadline);
        var source = fromStored ? RebuildSource.StoredFigures : RebuildSource.ChangeFeed;
        output.WriteLine($"Rebuilding the rollups of the aggregation service at {connection.Address(parse)} from {(fromStored ? "its stored figures" : "the change feed")} …");
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var result = await client.Aggregation.RebuildRollupsAsync(new RebuildRollupsRequest { Source = source }, cancellationToken: cancellation);
            output.WriteLine($"Done in {stopwatch.Elapsed.TotalSeconds:0.0} s: {result.RevisionsReplayed} revisions replayed, {result.Rows} rollup rows, as of feed sequence {result.AsOfSequence}.");
            return AdminExitCodes.Ok;
        }
        catch (RpcException exception)
        {
            error.WriteLine($"Rebuild failed: {Refusal.Describe(exception)}");
            return AdminExitCodes.Failed;
        }
    }
}
