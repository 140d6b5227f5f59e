using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace IndicatorExchange.Client;

/// <summary>Registering <see cref="IndicatorExchangeClient"/> in a service collection.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="IndicatorExchangeClientOptions"/> to the section "IndicatorExchange" of
    /// <paramref name="configuration"/> (or to <paramref name="configuration"/> itself when it is that section) and
    /// registers one <see cref="IndicatorExchangeClient"/> as a singleton.
    /// </summary>
    public static IServiceCollection AddIndicatorExchangeClient(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration is IConfigurationSection { Key: IndicatorExchangeClientOptions.Section } own
            ? own
            : configuration.GetSection(IndicatorExchangeClientOptions.Section);
        services.AddOptions<IndicatorExchangeClientOptions>().Bind(section);
        return AddClient(services);
    }

    /// <summary>Configures <see cref="IndicatorExchangeClientOptions"/> in code and registers one <see cref="IndicatorExchangeClient"/> as a singleton.</summary>
    public static IServiceCollection AddIndicatorExchangeClient(this IServiceCollection services, Action<IndicatorExchangeClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<IndicatorExchangeClientOptions>().Configure(configure);
        return AddClient(services);
    }

    private static IServiceCollection AddClient(IServiceCollection services)
    {
        services.TryAddSingleton(sp => new IndicatorExchangeClient(
            sp.GetRequiredService<IOptions<IndicatorExchangeClientOptions>>().Value, sp.GetService<ILoggerFactory>()));
        return services;
    }
}
