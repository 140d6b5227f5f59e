namespace IndicatorExchange.Dashboard.Data;

/// <summary>The dashboard's settings, bound from the configuration section <c>Dashboard</c>.</summary>
public sealed class DashboardOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "Dashboard";

    /// <summary>Base address of the aggregation service (summaries, watches, series).</summary>
    public string AggregationAddress { get; set; } = "http://localhost:5100";

    /// <summary>Base address of the indicator service (org units, catalog, periods, figures and their history).</summary>
    public string IndicatorAddress { get; set; } = "http://localhost:5100";

    /// <summary>Base address of the target service.</summary>
    public string TargetAddress { get; set; } = "http://localhost:5100";

    /// <summary>A bearer token (JWT) sent on every gRPC call; wins over <see cref="TokenFile"/>.</summary>
    public string? Token { get; set; }

    /// <summary>A file holding the bearer token; read again whenever it changes.</summary>
    public string? TokenFile { get; set; }

    /// <summary>When true, a missing <see cref="TokenFile"/> means "no token" rather than an error (the host's default path).</summary>
    public bool TokenFileOptional { get; set; }

    /// <summary>Port of the web page (HTTP/1.1 and HTTP/2).</summary>
    public int Port { get; set; } = 5080;

    /// <summary>Address to bind: <c>localhost</c> (both loopbacks, the default), or an IP address such as 0.0.0.0.</summary>
    public string Listen { get; set; } = "localhost";

    /// <summary>The org unit shown first: the Ili prefecture.</summary>
    public string DefaultOrgUnit { get; set; } = "654000";

    /// <summary>The period shown first; empty: the latest annual period with figures (looking back up to 10 years).</summary>
    public string DefaultPeriod { get; set; } = "";

    /// <summary>When not empty, only these indicator codes are shown (in this order); otherwise every indicator with figures.</summary>
    public List<string> Indicators { get; set; } = [];
}
