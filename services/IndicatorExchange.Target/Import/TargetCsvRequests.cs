using IndicatorExchange.Contracts.Mapping;
using IndicatorExchange.Contracts.Target.V1;
using IndicatorExchange.Domain.Csv;

namespace IndicatorExchange.Target.Import;

/// <summary>Turns the rows of a targets CSV (<see cref="Domain.Targets.TargetCsv"/>) into SetTargets requests.</summary>
public static class TargetCsvRequests
{
    /// <summary>One SetTargets request per org unit and year, with request ids derived from <paramref name="requestPrefix"/>.</summary>
    public static IReadOnlyList<SetTargetsRequest> Read(CsvTable table, Func<string, string?> codeOf, string requestPrefix, string reason) =>
        Domain.Targets.TargetCsv.Read(table, codeOf)
            .GroupBy(t => (t.OrgUnit, t.Year))
            .Select(group =>
            {
                var request = new SetTargetsRequest { RequestId = $"{requestPrefix}-{group.Key.OrgUnit}-{group.Key.Year}", Reason = reason };
                request.Targets.AddRange(group.Select(row => row.ToInput()));
                return request;
            }).ToList();
}
