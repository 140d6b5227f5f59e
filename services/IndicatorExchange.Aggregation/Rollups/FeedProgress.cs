namespace IndicatorExchange.Aggregation.Rollups;

/// <summary>The change-feed sequence up to which the aggregator's figures are complete.</summary>
internal sealed class FeedProgress
{
    private long _sequence;

    public long Sequence => Interlocked.Read(ref _sequence);

    /// <summary>Back to 0, when the feed is replayed for a rebuild.</summary>
    public void Reset() => Interlocked.Exchange(ref _sequence, 0);

    public void Report(long sequence)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref _sequence);
            if (sequence <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _sequence, sequence, current) != current);
    }
}
