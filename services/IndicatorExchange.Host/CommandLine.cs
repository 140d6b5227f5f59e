namespace IndicatorExchange.Host;

/// <summary>The binary's command-line options, mapped onto configuration keys.</summary>
public static class CommandLine
{
    public const string Usage = """
        indicatorexchange [options]                    start the services
        indicatorexchange rebuild [--address=URL]      recompute every rollup of a running aggregation service
                                                        (default address http://127.0.0.1:5100)
        indicatorexchange import-targets FILE.csv [--address=URL] [--indicator-address=URL] [--dry-run]
                                                       set the targets of a CSV shaped like seed-targets-2023.csv
                                                       (the catalog is read from --indicator-address, default --address)
        indicatorexchange import-org-units FILE.csv [--address=URL]
                                                       load an org-unit tree from a CSV shaped like org-units-ili.csv
        indicatorexchange issue-token --subject=NAME --role=county|analyst|admin --org-unit=CODE [--valid-for=DAYS]
                                                       print a token signed with the key in --data-dir (default ./data)
          (rebuild and the imports authenticate with --token=JWT or IX_TOKEN, else with an administrator
           token signed with the key of --data-dir, default ./data)

          --target=all|indicator,target,aggregation,dashboard   what to host (default all: the three services and the dashboard)
          --port=N                 port to listen on (default 5100 for all, 5101/5102/5103 for one service)
          --listen=ADDRESS         address to bind (default 127.0.0.1)
          --dashboard-port=N       port of the dashboard web page (default 5080; 0 disables the dashboard)
          --data-dir=PATH          folder of the SQLite databases (default ./data)
          --demo                   load the Ili demo data (org units, catalog, 2022 figures, 2023 targets)
          --demo=reference         load only the org units and the catalog
          --indicator-address=URL  where the indicator service is, when not hosted here
          --target-address=URL     where the target service is, when not hosted here
          --certificate=PATH       serve HTTPS (TLS) with this certificate (.pfx, or .pem with --certificate-key)
          --certificate-key=PATH   the PEM private key of --certificate
          --help                   this text
        """;

    public static readonly IReadOnlyDictionary<string, string> SwitchMappings = new Dictionary<string, string>
    {
        ["--target"] = "Target",
        ["--port"] = "Port",
        ["--listen"] = "Listen",
        ["--dashboard-port"] = "DashboardPort",
        ["--data-dir"] = "DataDirectory",
        ["--demo"] = "Demo",
        ["--indicator-address"] = "Peers:Indicator",
        ["--target-address"] = "Peers:Target",
        ["--certificate"] = "Tls:Certificate",
        ["--certificate-key"] = "Tls:CertificateKey",
        ["--certificate-password"] = "Tls:CertificatePassword",
    };

    /// <summary>Bare flags get a value ("--demo" → "--demo=true") so the configuration reader accepts them.</summary>
    public static string[] Normalise(string[] args) =>
        args.Select(a => a is "--demo" ? "--demo=true" : a).ToArray();
}
