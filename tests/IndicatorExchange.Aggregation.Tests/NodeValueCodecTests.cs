using IndicatorExchange.Aggregation.Storage;
using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Tests;

/// <summary>A stored node value reads back exactly as it was evaluated, scale and all.</summary>
public sealed class NodeValueCodecTests
{
    [Fact]
    public void A_summed_value_with_its_sums_reads_back_equal_with_every_decimal_keeping_its_scale()
    {
        var value = new NodeValue(481.810m, 1.2500000000m, null, 2, Partial: true,
            new DateTimeOffset(2023, 1, 20, 16, 0, 0, TimeSpan.FromHours(8)), HasOpenWarnings: true, Late: false)
        {
            Sums = new RolledUpSums(475.8601744617214043600286512m, 5.9498255382785956399713488m, GrowthBasis.Mixed, null, null, null),
        };

        var read = NodeValueCodec.Decode(NodeValueCodec.Encode(value))!;

        Assert.Equal(value with { FirstReceivedAt = value.FirstReceivedAt!.Value.ToUniversalTime() }, read);
        Assert.Equal(value.Sums, read.Sums);
        Assert.Equal("481.810", read.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("1.2500000000", read.GrowthPct!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(value.FirstReceivedAt!.Value.UtcTicks, read.FirstReceivedAt!.Value.UtcTicks);
    }

    [Fact]
    public void A_weighted_mean_without_growth_and_a_value_without_sums_read_back_equal()
    {
        var mean = new NodeValue(3.4567m, null, null, 1, Partial: false, null, HasOpenWarnings: false, Late: true)
        {
            Sums = new RolledUpSums(null, null, GrowthBasis.Unavailable, 1200m, 4148.04m, null),
        };
        var plain = new NodeValue(-12.5m, -3m, 13m, 3, Partial: false, null, HasOpenWarnings: false, Late: false);

        Assert.Equal(mean, NodeValueCodec.Decode(NodeValueCodec.Encode(mean)));
        Assert.Equal(mean.Sums, NodeValueCodec.Decode(NodeValueCodec.Encode(mean))!.Sums);
        Assert.Equal(plain, NodeValueCodec.Decode(NodeValueCodec.Encode(plain)));
        Assert.Null(NodeValueCodec.Decode(NodeValueCodec.Encode(plain))!.Sums);
    }

    [Fact]
    public void A_weighted_mean_keeps_the_weight_periods_it_used_and_a_value_stored_without_them_reads_back_with_none()
    {
        var mean = new NodeValue(3.4567m, null, null, 1, Partial: false, null, HasOpenWarnings: false, Late: false)
        {
            Sums = new RolledUpSums(null, null, GrowthBasis.Unavailable, 1200m, 4148.04m, null) { WeightPeriods = 0b01001 },
        };
        var without = mean with { Sums = mean.Sums! with { WeightPeriods = 0 } };

        Assert.Equal(0b01001, NodeValueCodec.Decode(NodeValueCodec.Encode(mean))!.Sums!.WeightPeriods);
        Assert.Equal(mean.Sums, NodeValueCodec.Decode(NodeValueCodec.Encode(mean))!.Sums);
        // The flag is only written when a period is recorded: a value of before reads as it did.
        Assert.Equal(NodeValueCodec.Encode(without).Length + 1, NodeValueCodec.Encode(mean).Length);
        Assert.Equal(0, NodeValueCodec.Decode(NodeValueCodec.Encode(without))!.Sums!.WeightPeriods);
    }

    [Fact]
    public void A_node_that_reported_without_a_value_reads_back_as_none_and_an_unknown_version_is_refused()
    {
        var none = NodeValueCodec.Encode(null);

        Assert.Null(NodeValueCodec.Decode(none));
        var future = (byte[])none.Clone();
        future[0] = 99;
        Assert.Contains("version 99", Assert.Throws<InvalidDataException>(() => NodeValueCodec.Decode(future)).Message, StringComparison.Ordinal);
    }
}
