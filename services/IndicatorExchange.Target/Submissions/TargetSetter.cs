using System.Security.Cryptography;
using Google.Protobuf;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Catalog;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.Target.Feed;
using IndicatorExchange.Target.Messages;
using IndicatorExchange.Target.Storage;

namespace IndicatorExchange.Target.Submissions;

/// <summary>
/// The one path every batch of targets takes, from the gRPC endpoint or the demo loader: validate
/// everything, reject the whole batch on any error, otherwise apply it atomically (or, for
/// validate_only, count it and roll it back), idempotently by request id.
/// </summary>
internal sealed class TargetSetter(ITargetStore targets, ICatalogSource catalogSource, TargetSignal signal)
{
    public async Task<SetTargetsResponse> SetAsync(SetTargetsRequest request, string setBy, CancellationToken cancellationToken)
    {
        var validation = TargetValidator.Validate(request);
        var problems = validation.Problems.ToList();
        var catalog = await catalogSource.GetAsync(cancellationToken);
        if (validation.Targets.Any(t => !catalog.Tree.TryGet(t.Key.OrgUnit, out _) || !catalog.IndicatorsByCode.ContainsKey(t.Key.Indicator)))
        {
            catalog = await catalogSource.GetAsync(cancellationToken, forceRefresh: true);
        }
        var normalised = TargetNormaliser.Normalise(request, validation.Targets, catalog, problems);
        if (problems.Count > 0)
        {
            throw GrpcErrors.InvalidArgument("TARGETS_REJECTED", TargetMessages.TargetsRejected(problems.Count), problems);
        }

        var warnings = await DecompositionCheck.WarningsAsync(normalised, catalog, targets, cancellationToken);
        var requestHash = HashOf(request);
        var batch = new TargetBatch(normalised, request.RequestId, requestHash, setBy) { Reason = request.Reason };
        var outcome = await targets.ApplyAsync(batch, request.ValidateOnly, counts => Response(counts, warnings).ToByteArray(), cancellationToken);
        switch (outcome)
        {
            case ApplyOutcome.Replayed replayed when replayed.RequestHash != requestHash:
                throw GrpcErrors.AlreadyExists("REQUEST_ID_REUSED", TargetMessages.RequestIdReused(request.RequestId));
            case ApplyOutcome.Replayed replayed:
                return SetTargetsResponse.Parser.ParseFrom(replayed.Response);
            case ApplyOutcome.Applied applied:
                if (!request.ValidateOnly && applied.Counts.Created + applied.Counts.Updated > 0)
                {
                    signal.Notify();
                }
                return Response(applied.Counts, warnings);
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}");
        }
    }

    private static SetTargetsResponse Response(TargetCounts counts, IReadOnlyList<Issue> warnings)
    {
        var summary = new ImportSummary { Created = counts.Created, Updated = counts.Updated, Unchanged = counts.Unchanged };
        summary.Issues.AddRange(warnings);
        return new SetTargetsResponse { Summary = summary };
    }

    /// <summary>Identifies a batch's content, so that a reused request id with other content is caught.</summary>
    private static string HashOf(SetTargetsRequest request)
    {
        var content = request.Clone();
        content.RequestId = "";
        content.ValidateOnly = false;
        return Convert.ToHexString(SHA256.HashData(content.ToByteArray()));
    }
}
