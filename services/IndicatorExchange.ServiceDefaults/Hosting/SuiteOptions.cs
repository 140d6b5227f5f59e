namespace IndicatorExchange.ServiceDefaults.Hosting;

/// <summary>Settings every service of the suite reads (command line: --data-dir, --demo).</summary>
public sealed class SuiteOptions
{
    /// <summary>Folder of the SQLite files, one per service.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// Demo data to load at start: "true" or "all" loads the Ili org units, the demo catalog, the 2022 figures
    /// and the 2023 targets; "reference" only the org units and the catalog; empty or "false" nothing.
    /// Loading is idempotent, so restarting with the flag changes nothing.
    /// </summary>
    public string Demo { get; set; } = "";

    public bool LoadsDemoReference => LoadsDemoData || Demo.Equals("reference", StringComparison.OrdinalIgnoreCase);

    public bool LoadsDemoData => Demo.Equals("true", StringComparison.OrdinalIgnoreCase) || Demo.Equals("all", StringComparison.OrdinalIgnoreCase);

    /// <summary>Folder of the demo CSV files; defaults to DemoData beside the executable.</summary>
    public string DemoDataDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "DemoData");

    public string DatabasePath(string service) => Path.Combine(DataDirectory, $"{service}.db");
}
