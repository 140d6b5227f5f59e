using Microsoft.Extensions.DependencyInjection;

namespace IndicatorExchange.ServiceDefaults.Hosting;

/// <summary>
/// Which engine each database of this process was registered on (SQLite's and PostgreSQL's <c>Add…Database</c> record
/// it), so that the host can say at start what still uses a SQLite file when PostgreSQL was asked for.
/// </summary>
public sealed class StorageRegistrations
{
    private readonly List<(string Database, StorageEngine Engine)> _databases = [];

    /// <summary>The databases registered on <paramref name="engine"/>, in the order they were registered.</summary>
    public IReadOnlyList<string> On(StorageEngine engine) => _databases.Where(d => d.Engine == engine).Select(d => d.Database).ToList();

    /// <summary>Records that <paramref name="database"/> was registered on <paramref name="engine"/> (one record per process, made at the first call).</summary>
    public static void Record(IServiceCollection services, string database, StorageEngine engine)
    {
        var registrations = services.FirstOrDefault(d => d.ServiceType == typeof(StorageRegistrations))?.ImplementationInstance as StorageRegistrations;
        if (registrations is null)
        {
            registrations = new StorageRegistrations();
            services.AddSingleton(registrations);
        }
        registrations._databases.Add((database, engine));
    }
}
