namespace IndicatorExchange.Dashboard;

/// <summary>
/// The prefecture dashboard on its own: http://localhost:5080, services at http://localhost:5100 unless configured.
/// A named class, not top-level statements: the host references this assembly, and its own global Program must stay the only one.
/// </summary>
internal static class Program
{
    private static void Main(string[] args) => DashboardApp.Create(args).Run();
}
