using IndicatorExchange.Aggregation;
using IndicatorExchange.Dashboard;
using IndicatorExchange.Indicator;
using IndicatorExchange.Target;

namespace IndicatorExchange.Host;

/// <summary>A service the binary can host (the single-binary pattern of Grafana Loki and Mimir).</summary>
public sealed record Module(string Name, int DefaultPort, Action<IHostApplicationBuilder> Add, Action<IEndpointRouteBuilder> Map);

/// <summary>The targets the binary knows: each service, the dashboard, and "all" (the default) for all of them in one process.</summary>
public static class Modules
{
    public const string All = "all";
    public const int AllInOnePort = 5100;

    public static readonly IReadOnlyList<Module> Known =
    [
        new(IndicatorServiceExtensions.Name, 5101, b => b.AddIndicatorService(), e => e.MapIndicatorService()),
        new(TargetServiceExtensions.Name, 5102, b => b.AddTargetService(), e => e.MapTargetService()),
        new(AggregationServiceExtensions.Name, 5103, b => b.AddAggregationService(), e => e.MapAggregationService()),
        new(DashboardModule.Name, DashboardModule.DefaultPort, b => b.AddDashboardModule(), _ => { }),
    ];

    /// <summary>Resolves "all" or a comma-separated list such as "indicator,target".</summary>
    public static IReadOnlyList<Module> Resolve(string? target)
    {
        var names = (string.IsNullOrWhiteSpace(target) ? All : target)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Contains(All, StringComparer.OrdinalIgnoreCase))
        {
            return Known;
        }
        var unknown = names.Where(n => Known.All(m => !m.Name.Equals(n, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException(
                $"Unknown --target '{string.Join(",", unknown)}'. Use all (the default) or a comma-separated list of: {string.Join(", ", Known.Select(m => m.Name))}.");
        }
        return Known.Where(m => names.Contains(m.Name, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>One service alone listens on its own port; several together on the all-in-one port.</summary>
    public static int DefaultPort(IReadOnlyList<Module> modules) => modules.Count == 1 ? modules[0].DefaultPort : AllInOnePort;
}
