namespace IndicatorExchange.Services.Tests;

/// <summary>The signing key in-process suites are configured with, so that tests can also sign tokens by hand.</summary>
public static class TestKeys
{
    public const string KeyId = "test-key-1";

    /// <summary>32 bytes, base64.</summary>
    public const string Secret = "dGVzdC1zaWduaW5nLWtleS1vZi0zMi1ieXRlcy0hISE=";
}
