using IndicatorExchange.Dashboard.Model;

namespace IndicatorExchange.Dashboard.Tests;

/// <summary>The status chip: connecting before the watch first delivers, and no blank time or sequence.</summary>
public sealed class LiveStatusTests
{
    [Fact]
    public void Before_the_watch_first_delivers_it_says_connecting_not_reconnecting()
    {
        Assert.Equal("连接中", LiveStatus.Text(LiveState.Connecting, null, null, UiText.Chinese));
    }

    [Fact]
    public void Error_page_without_a_summary_shows_no_blank_time_or_sequence()
    {
        var text = LiveStatus.Text(LiveState.Offline, null, null, UiText.Chinese);

        Assert.Equal("未连接", text);
        Assert.DoesNotContain("#", text);
        Assert.DoesNotContain("更新于", text);
    }

    [Fact]
    public void Live_shows_the_update_time_in_beijing_time_labelled_and_the_sequence()
    {
        var updated = new DateTimeOffset(2023, 7, 14, 8, 5, 9, TimeSpan.Zero);

        Assert.Equal("实时 · 更新于 16:05:09 (北京时间) · #51", LiveStatus.Text(LiveState.Live, updated, 51, UiText.Chinese));
        Assert.Equal("live · updated 16:05:09 (Beijing time) · #51", LiveStatus.Text(LiveState.Live, updated, 51, UiText.English));
    }
}
