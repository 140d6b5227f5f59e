using System.Security.Cryptography;
using Google.Protobuf;
using Grpc.Core;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Periods;
using IndicatorExchange.Indicator.Catalog;
using IndicatorExchange.Indicator.Feed;
using IndicatorExchange.Indicator.Messages;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.ServiceDefaults.Errors;

namespace IndicatorExchange.Indicator.Submissions;

/// <summary>
/// The one path every submission takes, from SubmitFigures, UploadFigures or the demo loader: validate and
/// normalise everything, reject the whole batch on any error, check quality, then apply it atomically (or,
/// for validate_only, count it and roll it back), idempotently by request id.
/// </summary>
internal sealed class FigureSubmitter(ReferenceData referenceData, IFigureStore figures, ChangeSignal changes, TimeProvider clock)
{
    /// <summary>One part of an upload: the figures of one org unit and period.</summary>
    public sealed record Part(string OrgUnit, string Period, IReadOnlyList<FigureInput> Figures);

    public async Task<SubmitFiguresResponse> SubmitAsync(SubmitFiguresRequest request, string submittedBy, CancellationToken cancellationToken) =>
        (await SubmitWithOutcomeAsync(request, submittedBy, cancellationToken)).Response;

    /// <summary>
    /// Submits, and says whether the request id had already been applied: the response is then the first answer, repeated
    /// as the contract promises, and this call wrote nothing.
    /// </summary>
    public async Task<(SubmitFiguresResponse Response, bool Replayed)> SubmitWithOutcomeAsync(SubmitFiguresRequest request, string submittedBy,
        CancellationToken cancellationToken)
    {
        var content = request.Clone();
        content.RequestId = "";
        content.ValidateOnly = false;
        var (summary, lastSequence, replayed) = await ApplyAsync(
            [new Part(request.OrgUnit, request.Period, request.Figures)], batchPath: _ => "",
            request.RequestId, "request_id", Hash(content.ToByteArray()), request.ValidateOnly, submittedBy,
            (s, sequence) => new SubmitFiguresResponse { Summary = s, LastSequence = sequence }.ToByteArray(), cancellationToken);
        return replayed is not null
            ? (SubmitFiguresResponse.Parser.ParseFrom(replayed), true)
            : (new SubmitFiguresResponse { Summary = summary, LastSequence = lastSequence }, false);
    }

    public async Task<UploadFiguresResponse> UploadAsync(UploadHeader header, IReadOnlyList<Part> parts, byte[] contentHash, string submittedBy,
        CancellationToken cancellationToken)
    {
        var (summary, lastSequence, replayed) = await ApplyAsync(
            parts, batchPath: k => $"batches[{k}].", header.RequestId, "header.request_id", Convert.ToHexString(contentHash), header.ValidateOnly, submittedBy,
            (s, sequence) => new UploadFiguresResponse { Summary = s, LastSequence = sequence }.ToByteArray(), cancellationToken);
        return replayed is not null
            ? UploadFiguresResponse.Parser.ParseFrom(replayed)
            : new UploadFiguresResponse { Summary = summary, LastSequence = lastSequence };
    }

    public static string Hash(byte[] content) => Convert.ToHexString(SHA256.HashData(content));

    private async Task<(ImportSummary Summary, long LastSequence, byte[]? Replayed)> ApplyAsync(
        IReadOnlyList<Part> parts, Func<int, string> batchPath, string requestId, string requestIdField, string requestHash, bool validateOnly, string submittedBy,
        Func<ImportSummary, long, byte[]> encodeResponse, CancellationToken cancellationToken)
    {
        var reference = await referenceData.GetAsync(cancellationToken);
        var validator = new SubmissionValidator(reference, ReportingCalendar.Today(clock.GetUtcNow()));
        validator.CheckRequestId(requestId, requestIdField);
        var groups = new List<FigureGroup>();
        var index = 0;
        for (var k = 0; k < parts.Count; k++)
        {
            if (validator.Validate(parts[k].OrgUnit, parts[k].Period, parts[k].Figures, batchPath(k), index) is { } group)
            {
                groups.Add(group);
            }
            index += parts[k].Figures.Count;
        }
        if (validator.Found.Any)
        {
            throw Rejected(validator.Found, index);
        }

        groups = [.. await new QualityChecker(reference, figures).CheckAsync(groups, cancellationToken)];
        var warnings = Warnings(groups);
        var batch = new FigureBatch(groups, requestId, requestHash, submittedBy);
        var outcome = await figures.ApplyAsync(batch, validateOnly, counts => encodeResponse(Summary(counts, warnings), counts.LastSequence), cancellationToken);
        switch (outcome)
        {
            case ApplyOutcome.Replayed replayed when replayed.RequestHash != requestHash:
                throw GrpcErrors.AlreadyExists("REQUEST_ID_REUSED", IndicatorMessages.RequestIdReused(requestId));
            case ApplyOutcome.Replayed replayed:
                return (new ImportSummary(), 0, replayed.Response);
            case ApplyOutcome.Applied applied:
                if (applied.Counts.LastSequence > 0)
                {
                    changes.Notify();
                }
                return (Summary(applied.Counts, warnings), applied.Counts.LastSequence, null);
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}");
        }
    }

    /// <summary>
    /// The whole batch refused: INVALID_ARGUMENT when any input is wrong, FAILED_PRECONDITION when only the
    /// state of a period or unit is. Details: every problem as a field violation, and the import summary.
    /// </summary>
    private static RpcException Rejected(SubmissionValidator.Findings found, int figureCount)
    {
        var problems = found.Invalid.Concat(found.Preconditions).ToList();
        var summary = new ImportSummary { Rejected = found.RejectedIndexes.Count };
        summary.Issues.AddRange(problems.Select(p => new Issue
        {
            Index = p.Index,
            Field = p.Field,
            Reason = p.Reason,
            Message = p.Message,
            Severity = IssueSeverity.Error,
        }));
        var message = IndicatorMessages.FiguresRejected(figureCount, found.RejectedIndexes.Count, problems.Count);
        return found.Invalid.Count > 0
            ? GrpcErrors.InvalidArgument("FIGURES_REJECTED", message, problems, summary)
            : GrpcErrors.FailedPrecondition("FIGURES_REJECTED", message, problems, summary);
    }

    private static List<Issue> Warnings(IEnumerable<FigureGroup> groups) =>
        groups.SelectMany(g => g.Figures).SelectMany(f => f.Warnings.Select(w => new Issue
        {
            Index = f.Index,
            Field = f.Path.ToString(),
            Reason = w.Rule,
            Message = w.Message,
            Severity = IssueSeverity.Warning,
        })).OrderBy(i => i.Index).ToList();

    private static ImportSummary Summary(BatchCounts counts, IReadOnlyList<Issue> warnings)
    {
        var summary = new ImportSummary { Created = counts.Created, Updated = counts.Updated, Unchanged = counts.Unchanged };
        summary.Issues.AddRange(warnings);
        return summary;
    }
}
