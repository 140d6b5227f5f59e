using System.CommandLine;
using System.Globalization;
using IndicatorExchange.Dashboard;

namespace IndicatorExchange.Host.CommandLine;

/// <summary>The server's options (the root command's), each mapped onto the configuration key the modules read.</summary>
public sealed class ServerOptions
{
    private static readonly string[] DemoValues = ["true", "all", "reference", "false"];

    public Option<string> Target { get; } = new("--target")
    {
        Description = $"What to host: {Modules.All} (default: the three services and the dashboard) or a comma-separated list of " +
                      string.Join(", ", Modules.Known.Select(m => m.Name)),
        HelpName = "all|LIST",
    };

    public Option<int> Port { get; } = new("--port")
    {
        Description = $"Port to listen on (default {Modules.AllInOnePort} for several services, 5101/5102/5103 for one alone)",
        HelpName = "N",
    };

    public Option<string> Listen { get; } = new("--listen") { Description = "Address to bind (default 127.0.0.1, loopback only)", HelpName = "ADDRESS" };

    public Option<int> DashboardPort { get; } = new("--dashboard-port")
    {
        Description = $"Port of the dashboard web page (default {DashboardModule.DefaultDashboardPort}; 0 disables the dashboard)",
        HelpName = "N",
    };

    public Option<string> DataDirectory { get; } = new("--data-dir") { Description = "Folder of the SQLite databases and keys (default ./data)", HelpName = "PATH" };

    public Option<string> Storage { get; } = new("--storage")
    {
        Description = "Storage engine: sqlite (default; one file per service in --data-dir) or postgres (with --connection-string). " +
                      "A service without a PostgreSQL engine yet keeps SQLite in --data-dir; the start warns which",
        HelpName = "sqlite|postgres",
    };

    public Option<string> ConnectionString { get; } = new("--connection-string")
    {
        Description = "PostgreSQL connection string for --storage=postgres, e.g. Host=db;Port=5432;Username=ix;Password=…;Database=ix",
        HelpName = "TEXT",
    };

    public Option<string?> Demo { get; } = new("--demo")
    {
        Description = "Load the Ili demo data (org units, catalog, 2022 figures, 2023 targets); --demo reference loads only the org units, the catalog and the open periods",
        HelpName = "reference",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public Option<string> IndicatorAddress { get; } = new("--indicator-address") { Description = "Where the indicator service is, when not hosted here (several replicas: their URLs comma-separated)", HelpName = "URL[,URL…]" };

    public Option<string> TargetAddress { get; } = new("--target-address") { Description = "Where the target service is, when not hosted here (several replicas: their URLs comma-separated)", HelpName = "URL[,URL…]" };

    public Option<string> Certificate { get; } = new("--certificate")
    {
        Description = "Serve HTTPS (TLS) with this certificate (.pfx, or .pem with --certificate-key)",
        HelpName = "PATH",
    };

    public Option<string> CertificateKey { get; } = new("--certificate-key") { Description = "The PEM private key of --certificate", HelpName = "PATH" };

    public Option<string> CertificatePassword { get; } = new("--certificate-password") { Description = "The password of a .pfx --certificate", HelpName = "PASSWORD" };

    public ServerOptions()
    {
        Demo.Validators.Add(result =>
        {
            if (result.Tokens.Count == 1 && !DemoValues.Contains(result.Tokens[0].Value, StringComparer.OrdinalIgnoreCase))
            {
                result.AddError($"--demo '{result.Tokens[0].Value}': 应为 reference 或 all / expected reference or all (or no value: everything).");
            }
        });
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Target, Port, Listen, DashboardPort, DataDirectory, Storage, ConnectionString, Demo, IndicatorAddress, TargetAddress, Certificate, CertificateKey, CertificatePassword })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The configuration the given options stand for (keys as the modules read them); options not given are left out.</summary>
    public IReadOnlyDictionary<string, string?> Settings(ParseResult parse)
    {
        var settings = new Dictionary<string, string?>();
        void Put<T>(Option<T> option, string key)
        {
            if (parse.GetResult(option) is { } result && !result.Implicit)
            {
                settings[key] = Convert.ToString(parse.GetValue(option), CultureInfo.InvariantCulture);
            }
        }
        Put(Target, "Target");
        Put(Port, "Port");
        Put(Listen, "Listen");
        Put(DashboardPort, "DashboardPort");
        Put(DataDirectory, "DataDirectory");
        Put(Storage, "Storage:Provider");
        Put(ConnectionString, "Storage:ConnectionString");
        Put(IndicatorAddress, "Peers:Indicator");
        Put(TargetAddress, "Peers:Target");
        Put(Certificate, "Tls:Certificate");
        Put(CertificateKey, "Tls:CertificateKey");
        Put(CertificatePassword, "Tls:CertificatePassword");
        if (parse.GetResult(Demo) is { } demo)
        {
            // A bare --demo loads everything.
            settings["Demo"] = demo.Tokens.Count == 0 ? "true" : demo.Tokens[0].Value;
        }
        return settings;
    }
}
