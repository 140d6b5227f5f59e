using System.Security.Cryptography;
using Google.Protobuf;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Indicator.Feed;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.ServiceDefaults.Errors;

namespace IndicatorExchange.Indicator.Submissions;

/// <summary>
/// The one path every submission takes, from the gRPC endpoint or the demo loader: validate and
/// normalise everything, reject the whole batch on any error, otherwise apply it atomically
/// (or, for validate_only, count it and roll it back), idempotently by request id.
/// </summary>
public sealed class FigureSubmitter(ReferenceData referenceData, IFigureStore figures, ChangeSignal changes)
{
    public async Task<SubmitFiguresResponse> SubmitAsync(SubmitFiguresRequest request, string submittedBy, CancellationToken cancellationToken)
    {
        var reference = await referenceData.GetAsync(cancellationToken);
        var validation = SubmissionValidator.Validate(request, reference);
        if (validation.Problems.Count > 0)
        {
            throw GrpcErrors.InvalidArgument("FIGURES_REJECTED",
                $"批次未被接受，共 {validation.Problems.Count} 处错误，未写入任何数据 / batch rejected with {validation.Problems.Count} problem(s); nothing was written",
                validation.Problems);
        }

        var requestHash = HashOf(request);
        var batch = new FigureBatch(request.OrgUnit, validation.Period.ToString(), validation.Figures,
            request.RequestId, requestHash, submittedBy);
        var outcome = await figures.ApplyAsync(batch, request.ValidateOnly, counts => Response(counts).ToByteArray(), cancellationToken);
        switch (outcome)
        {
            case ApplyOutcome.Replayed replayed when replayed.RequestHash != requestHash:
                throw GrpcErrors.AlreadyExists("REQUEST_ID_REUSED",
                    $"request_id '{request.RequestId}' 已用于另一批数据 / was already used for a different batch");
            case ApplyOutcome.Replayed replayed:
                return SubmitFiguresResponse.Parser.ParseFrom(replayed.Response);
            case ApplyOutcome.Applied applied:
                if (applied.Counts.LastSequence > 0)
                {
                    changes.Notify();
                }
                return Response(applied.Counts);
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}");
        }
    }

    private static SubmitFiguresResponse Response(BatchCounts counts) => new()
    {
        Summary = new ImportSummary { Created = counts.Created, Updated = counts.Updated, Unchanged = counts.Unchanged },
        LastSequence = counts.LastSequence,
    };

    /// <summary>Identifies a batch's content, so that a reused request id with other content is caught.</summary>
    private static string HashOf(SubmitFiguresRequest request)
    {
        var content = request.Clone();
        content.RequestId = "";
        content.ValidateOnly = false;
        return Convert.ToHexString(SHA256.HashData(content.ToByteArray()));
    }
}
