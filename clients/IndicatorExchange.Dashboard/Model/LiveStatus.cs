namespace IndicatorExchange.Dashboard.Model;

/// <summary>The state of the page's live connection (WatchSummary).</summary>
public enum LiveState
{
    /// <summary>The watch has not delivered its first summary yet.</summary>
    Connecting,

    /// <summary>The watch is open: submissions show without reloading.</summary>
    Live,

    /// <summary>The watch failed and gave up (the client library re-opens a broken watch itself); an error is shown.</summary>
    Offline,
}

/// <summary>The status chip's text: the state, then the time of the last update and the sequence, each only when known.</summary>
public static class LiveStatus
{
    public static string Text(LiveState state, DateTimeOffset? updatedAt, long? sequence, UiText text)
    {
        var parts = new List<string>
        {
            state switch
            {
                LiveState.Live => text.Live,
                LiveState.Offline => text.Offline,
                _ => text.Connecting,
            },
        };
        if (updatedAt is { } moment)
        {
            parts.Add($"{text.UpdatedAt} {BeijingTime.Format(moment, "HH:mm:ss")} ({text.BeijingTime})");
        }
        if (sequence is { } number)
        {
            parts.Add($"#{number}");
        }
        return string.Join(" · ", parts);
    }
}
