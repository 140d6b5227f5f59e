namespace IndicatorExchange.Domain.Tests;

/// <summary>The reference files copied next to the test assembly (copies of shared/data, never read from there).</summary>
internal static class TestData
{
    public static string File(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);
}
