namespace IndicatorExchange.Domain.Rollup;

/// <summary>Competition ranking ("1224"): 1 is the highest, ties share a rank and the next rank skips.</summary>
public static class Ranking
{
    public static int[] Descending(IReadOnlyList<decimal?> values)
    {
        var ranks = new int[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value)
            {
                continue;
            }
            var above = 0;
            for (var j = 0; j < values.Count; j++)
            {
                if (values[j] is { } other && other > value)
                {
                    above++;
                }
            }
            ranks[i] = 1 + above;
        }
        return ranks;
    }
}
