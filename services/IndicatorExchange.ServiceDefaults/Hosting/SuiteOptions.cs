namespace IndicatorExchange.ServiceDefaults.Hosting;

/// <summary>Settings every service of the suite reads (command line: --data-dir, --demo).</summary>
public sealed class SuiteOptions
{
    /// <summary>Folder of the SQLite files, one per service.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>Load the Ili demo data (org units, catalog, 2022 figures, 2023 targets) on first start.</summary>
    public bool Demo { get; set; }

    /// <summary>Folder of the demo CSV files; defaults to DemoData beside the executable.</summary>
    public string DemoDataDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "DemoData");

    public string DatabasePath(string service) => Path.Combine(DataDirectory, $"{service}.db");
}
