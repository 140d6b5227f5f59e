using IndicatorExchange.Cli.Input;
using IndicatorExchange.Cli.Reporting;
using IndicatorExchange.Client;

namespace IndicatorExchange.Cli.Outbox;

/// <summary>
/// The catalog from the service, kept in the local store each time it is read, so that a file naming indicators
/// by their Chinese names can still be read (and queued) while the service is unreachable.
/// </summary>
public sealed class CatalogSource(IndicatorExchangeClient client, OutboxStore store)
{
    private IndicatorCatalog? _live;

    /// <summary>The live catalog (throws when the service is unreachable).</summary>
    public async Task<IndicatorCatalog> GetAsync(CancellationToken cancellation)
    {
        if (_live is null)
        {
            var indicators = await client.ListAllIndicatorsAsync(cancellation);
            _live = new IndicatorCatalog(indicators);
            try
            {
                await store.SaveCatalogAsync(indicators);
            }
            catch (Exception exception) when (IsLocalStoreFailure(exception))
            {
                // The cache only helps offline reading; an unwritable store must not stop an online command.
            }
        }
        return _live;
    }

    /// <summary>The live catalog, or the cached one when the service is unreachable; null when neither exists.</summary>
    public async Task<IndicatorCatalog?> GetOrCachedAsync(CancellationToken cancellation)
    {
        try
        {
            return await GetAsync(cancellation);
        }
        catch (Exception exception) when (Failures.IsUnreachable(exception))
        {
            try
            {
                return await store.LoadCatalogAsync();
            }
            catch (Exception storeFailure) when (IsLocalStoreFailure(storeFailure))
            {
                return null;
            }
        }
    }

    private static bool IsLocalStoreFailure(Exception exception) =>
        exception is Microsoft.Data.Sqlite.SqliteException or IOException or UnauthorizedAccessException;
}
