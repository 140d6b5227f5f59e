using System.Security.Cryptography;
using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Targets;

namespace IndicatorExchange.Admin.Targets;

/// <summary>The targets of one org unit and year of an import, and the SetTargets request that sets them.</summary>
public sealed record TargetBatch(string OrgUnit, int Year, IReadOnlyList<TargetRow> Rows, SetTargetsRequest Request)
{
    /// <summary>"654025 2023", as the import commands report each batch.</summary>
    public string Scope => $"{OrgUnit} {Year}";
}

/// <summary>
/// Setting the targets of a CSV shaped like seed-targets-2023.csv (rows read by <see cref="TargetCsv"/>): one atomic
/// SetTargets per org unit and year, with request ids derived from the file's content, so that importing the same file
/// again changes nothing. Shared by <c>indicatorexchange import-targets</c> and <c>ixc targets import</c>.
/// </summary>
public static class TargetImport
{
    /// <summary>The first 16 hexadecimal digits (upper case) of the file's SHA-256, for request ids.</summary>
    public static async Task<string> ContentHashAsync(string file, CancellationToken cancellation) =>
        Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file, cancellation)))[..16];

    /// <summary>The rows grouped by org unit and year, in the file's order, each group with its request.</summary>
    /// <param name="rows">The file's rows.</param>
    /// <param name="requestId">The request id of an org unit and year.</param>
    /// <param name="reason">Why the targets are set, kept with each revision.</param>
    /// <param name="validateOnly">Validate with the service and count what would change; write nothing.</param>
    public static IReadOnlyList<TargetBatch> Batches(IReadOnlyList<TargetRow> rows, Func<string, int, string> requestId, string reason, bool validateOnly) =>
        rows.GroupBy(r => (r.OrgUnit, r.Year))
            .Select(group =>
            {
                var request = new SetTargetsRequest { RequestId = requestId(group.Key.OrgUnit, group.Key.Year), ValidateOnly = validateOnly, Reason = reason };
                request.Targets.AddRange(group.Select(row => row.ToInput()));
                return new TargetBatch(group.Key.OrgUnit, group.Key.Year, group.ToList(), request);
            })
            .ToList();
}
