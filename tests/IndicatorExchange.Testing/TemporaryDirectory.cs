namespace IndicatorExchange.Testing;

/// <summary>A folder of its own under the system's temporary directory, for a test's data; deleted on dispose as far as it can be.</summary>
public sealed class TemporaryDirectory(string prefix) : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory(prefix).FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process that has not quite exited may still hold a file; the system's temporary directory is cleaned anyway.
        }
    }
}
