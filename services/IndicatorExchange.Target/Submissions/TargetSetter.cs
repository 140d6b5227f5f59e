using System.Security.Cryptography;
using Google.Protobuf;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.ServiceDefaults.Errors;
using IndicatorExchange.Target.Storage;

namespace IndicatorExchange.Target.Submissions;

/// <summary>
/// The one path every batch of targets takes, from the gRPC endpoint or the demo loader: validate
/// everything, reject the whole batch on any error, otherwise apply it atomically (or, for
/// validate_only, count it and roll it back), idempotently by request id.
/// </summary>
public sealed class TargetSetter(ITargetStore targets)
{
    public async Task<SetTargetsResponse> SetAsync(SetTargetsRequest request, string setBy, CancellationToken cancellationToken)
    {
        var validation = TargetValidator.Validate(request);
        if (validation.Problems.Count > 0)
        {
            throw GrpcErrors.InvalidArgument("TARGETS_REJECTED",
                $"目标未被接受，共 {validation.Problems.Count} 处错误，未写入任何数据 / targets rejected with {validation.Problems.Count} problem(s); nothing was written",
                validation.Problems);
        }

        var requestHash = HashOf(request);
        var batch = new TargetBatch(validation.Targets, request.RequestId, requestHash, setBy);
        var outcome = await targets.ApplyAsync(batch, request.ValidateOnly, counts => Response(counts).ToByteArray(), cancellationToken);
        return outcome switch
        {
            ApplyOutcome.Replayed replayed when replayed.RequestHash != requestHash =>
                throw GrpcErrors.AlreadyExists("REQUEST_ID_REUSED",
                    $"request_id '{request.RequestId}' 已用于另一批目标 / was already used for a different batch"),
            ApplyOutcome.Replayed replayed => SetTargetsResponse.Parser.ParseFrom(replayed.Response),
            ApplyOutcome.Applied applied => Response(applied.Counts),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}"),
        };
    }

    private static SetTargetsResponse Response(TargetCounts counts) => new()
    {
        Summary = new ImportSummary { Created = counts.Created, Updated = counts.Updated, Unchanged = counts.Unchanged },
    };

    /// <summary>Identifies a batch's content, so that a reused request id with other content is caught.</summary>
    private static string HashOf(SetTargetsRequest request)
    {
        var content = request.Clone();
        content.RequestId = "";
        content.ValidateOnly = false;
        return Convert.ToHexString(SHA256.HashData(content.ToByteArray()));
    }
}
