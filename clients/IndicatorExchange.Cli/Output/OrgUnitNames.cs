using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Client;
using IndicatorExchange.Contracts.Indicator.V1;

namespace IndicatorExchange.Cli.Output;

/// <summary>Org unit names for display ("654025 新源县"), read once per invocation; codes alone when the list cannot be read.</summary>
public sealed class OrgUnitNames(IndicatorExchangeClient client)
{
    private Dictionary<string, OrgUnit>? _units;

    public async Task<IReadOnlyDictionary<string, OrgUnit>> AllAsync(CancellationToken cancellation)
    {
        if (_units is null)
        {
            try
            {
                _units = (await client.ListAllOrgUnitsAsync("", cancellation)).ToDictionary(u => u.Code);
            }
            catch (Exception exception) when (Failures.IsUnreachable(exception) || exception is Grpc.Core.RpcException)
            {
                _units = [];
            }
        }
        return _units;
    }

    public async Task<string> LabelAsync(string code, CancellationToken cancellation) =>
        (await AllAsync(cancellation)).TryGetValue(code, out var unit) ? $"{code} {unit.NameZh}" : code;
}
