using Grpc.Core;
using IndicatorExchange.Aggregation.Feed;
using IndicatorExchange.Aggregation.Rollups;
using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Aggregation.Summaries;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.ServiceDefaults.Hosting;
using IndicatorExchange.ServiceDefaults.Validation;

namespace IndicatorExchange.Aggregation.Grpc;

/// <summary>The AggregationService endpoints.</summary>
internal sealed class AggregationGrpcService(
    SummaryBuilder summaries, RollupSignal signal, FeedControl feedControl, FeedProgress progress, RollupEngine engine, IRollupLeadership leadership)
    : AggregationService.AggregationServiceBase
{
    public override async Task<GetSummaryResponse> GetSummary(GetSummaryRequest request, ServerCallContext context) =>
        new()
        {
            Summary = await summaries.BuildAsync(
                new SummaryQuery(request.OrgUnit, request.Period, request.Indicators, WireTime.Read(request.AsOf, "as_of"), Checked(request.PeriodValues)),
                context.CancellationToken),
        };

    public override Task WatchSummary(WatchSummaryRequest request, IServerStreamWriter<WatchSummaryResponse> responseStream, ServerCallContext context) =>
        ServerStreams.RunAsync(context, cancellationToken => WatchSummaryAsync(request, responseStream, cancellationToken));

    private async Task WatchSummaryAsync(WatchSummaryRequest request, IServerStreamWriter<WatchSummaryResponse> responseStream, CancellationToken cancellationToken)
    {
        var query = new SummaryQuery(request.OrgUnit, request.Period, request.Indicators, AsOf: null, Checked(request.PeriodValues));
        var key = new SummaryKey(request.OrgUnit, RequestPeriods.Parse(request.Period, "period"));
        Summary? sent = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            var next = signal.Next;
            var summary = await summaries.BuildAsync(query, cancellationToken);
            if (sent is null || !SameFigures(sent, summary))
            {
                await responseStream.WriteAsync(new WatchSummaryResponse { Summary = summary }, cancellationToken);
                sent = summary;
            }
            // Wait for a commit that touches this org unit and period. A commit that notifies between a wake-up for
            // other keys and taking the next signal is not missed: it bumped this key's version first.
            var seen = signal.Versions.Of(key);
            while (true)
            {
                var touched = await next.WaitAsync(cancellationToken);
                if (touched is null || touched.Contains(key))
                {
                    break;
                }
                next = signal.Next;
                if (signal.Versions.Of(key) != seen)
                {
                    break;
                }
            }
        }
    }

    public override Task<ListSeriesResponse> ListSeries(ListSeriesRequest request, ServerCallContext context)
    {
        Checked(request.PeriodValues);
        return summaries.SeriesAsync(request, context.CancellationToken);
    }

    /// <summary>A period_values the contract defines; an unknown number is refused rather than read as year to date.</summary>
    private static PeriodValues Checked(PeriodValues values) => Enum.IsDefined(values) ? values
        : throw GrpcErrors.InvalidArgument("period_values", "INVALID_PERIOD_VALUES",
            AggregationMessages.UnknownPeriodValues((int)values));

    public override async Task<RebuildRollupsResponse> RebuildRollups(RebuildRollupsRequest request, ServerCallContext context)
    {
        if (!Enum.IsDefined(request.Source))
        {
            throw GrpcErrors.InvalidArgument("source", "INVALID_SOURCE",
                AggregationMessages.UnknownRebuildSource((int)request.Source));
        }
        // Only the replica that leads writes the rollups (on SQLite, the one process always does).
        if (!leadership.IsLeading)
        {
            throw GrpcErrors.FailedPrecondition("NOT_LEADING", AggregationMessages.NotLeading);
        }
        if (request.Source == RebuildSource.StoredFigures)
        {
            int rows;
            try
            {
                rows = await engine.RecomputeAllAsync(context.CancellationToken);
            }
            catch (NotLeadingException)
            {
                throw GrpcErrors.FailedPrecondition("NOT_LEADING", AggregationMessages.NotLeading);
            }
            return new RebuildRollupsResponse { Rows = rows, AsOfSequence = progress.Sequence };
        }
        var target = progress.Sequence;
        await feedControl.RequestResetAsync().WaitAsync(context.CancellationToken);
        while (progress.Sequence < target)
        {
            await Task.Delay(20, context.CancellationToken);
        }
        await engine.SettleAsync(context.CancellationToken);
        return new RebuildRollupsResponse
        {
            RevisionsReplayed = progress.Sequence,
            Rows = await engine.CountRollupsAsync(context.CancellationToken),
            AsOfSequence = progress.Sequence,
        };
    }

    /// <summary>Whether two summaries show the same figures (ignoring the feed position they were read at).</summary>
    private static bool SameFigures(Summary a, Summary b)
    {
        var left = a.Clone();
        var right = b.Clone();
        left.AsOfSequence = right.AsOfSequence = 0;
        return left.Equals(right);
    }
}
