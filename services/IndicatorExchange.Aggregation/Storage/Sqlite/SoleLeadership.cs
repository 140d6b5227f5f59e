namespace IndicatorExchange.Aggregation.Storage.Sqlite;

/// <summary>One process owns the SQLite file: its aggregator always leads, from the start, with nobody to take over.</summary>
internal sealed class SoleLeadership : IRollupLeadership
{
    public bool IsLeading => true;

    public Task<CancellationToken> AcquireAsync(CancellationToken cancellationToken) => Task.FromResult(CancellationToken.None);
}
