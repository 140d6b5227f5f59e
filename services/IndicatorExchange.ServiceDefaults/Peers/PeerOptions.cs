namespace IndicatorExchange.ServiceDefaults.Peers;

/// <summary>Where the other services of the suite are, and (in tests) how to reach them.</summary>
public sealed class PeerOptions
{
    public const string Section = "Peers";

    /// <summary>Base address of the indicator service, e.g. http://127.0.0.1:5101.</summary>
    public string Indicator { get; set; } = "http://127.0.0.1:5101";

    /// <summary>Base address of the target service, e.g. http://127.0.0.1:5102.</summary>
    public string Target { get; set; } = "http://127.0.0.1:5102";

    /// <summary>
    /// A certificate peers are trusted to present even when no authority vouches for it: the suite's own
    /// certificate, so that services sharing one self-signed certificate can call each other over TLS.
    /// </summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? TrustedCertificate { get; set; }

    /// <summary>Replaces the network handler (in-process tests route calls to a TestServer).</summary>
    public Func<HttpMessageHandler>? HandlerFactory { get; set; }
}
