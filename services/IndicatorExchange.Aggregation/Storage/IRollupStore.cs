namespace IndicatorExchange.Aggregation.Storage;

/// <summary>The aggregator's own copy of the figures and its position on the change feed.</summary>
public interface IRollupStore
{
    /// <summary>The sequence of the last change applied from <paramref name="feed"/>; 0 when none.</summary>
    Task<long> GetCursorAsync(string feed, CancellationToken cancellationToken);

    /// <summary>Applies changes and moves the cursor in one transaction; a change older than the stored figure is ignored.</summary>
    Task ApplyAsync(string feed, IReadOnlyList<FigureRow> changes, CancellationToken cancellationToken);

    /// <summary>Every figure of the given periods (and, when not empty, indicators).</summary>
    Task<IReadOnlyList<FigureRow>> ReadAsync(IReadOnlyList<string> periods, IReadOnlyList<string> indicators, CancellationToken cancellationToken);
}
