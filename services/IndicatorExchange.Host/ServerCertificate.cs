using System.Security.Cryptography.X509Certificates;

namespace IndicatorExchange.Host;

/// <summary>The TLS certificate of the listener: a .pfx (Tls:CertificatePassword), or a PEM certificate with its PEM key (Tls:CertificateKey).</summary>
public static class ServerCertificate
{
    public static X509Certificate2? Load(IConfiguration configuration)
    {
        var path = configuration["Tls:Certificate"];
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }
        if (!File.Exists(path))
        {
            throw new ArgumentException($"Tls:Certificate (--certificate): {Path.GetFullPath(path)} does not exist.");
        }
        var key = configuration["Tls:CertificateKey"];
        return key is { Length: > 0 }
            ? X509Certificate2.CreateFromPemFile(path, key)
            : X509CertificateLoader.LoadPkcs12FromFile(path, configuration["Tls:CertificatePassword"]);
    }
}
