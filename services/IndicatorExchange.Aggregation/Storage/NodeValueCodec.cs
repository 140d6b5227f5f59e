using IndicatorExchange.Domain.Rollup;

namespace IndicatorExchange.Aggregation.Storage;

/// <summary>
/// The stored form of an inner node's value: a few dozen bytes, exact (each decimal as its four 32-bit parts, so the
/// scale is kept and "1.50" reads back as 1.50). Only a node with something reported below it is stored; a node
/// that reported but has no value of its own (a mean without its weights) is stored with no value.
/// </summary>
internal static class NodeValueCodec
{
    private const byte Version = 1;

    [Flags]
    private enum Present : ushort
    {
        Value = 1,
        Partial = 2,
        OpenWarnings = 4,
        Late = 8,
        GrowthPct = 16,
        PriorYearValue = 32,
        FirstReceivedAt = 64,
        Sums = 128,
        BaseSum = 256,
        IncreaseSum = 512,
        WeightSum = 1024,
        WeightedSum = 2048,
        WeightedBaseSum = 4096,
        WeightPeriods = 8192,
    }

    public static byte[] Encode(NodeValue? value)
    {
        using var stream = new MemoryStream(64);
        using var writer = new BinaryWriter(stream);
        writer.Write(Version);
        if (value is null)
        {
            writer.Write((ushort)0);
            return stream.ToArray();
        }
        var sums = value.Sums;
        var present = Present.Value
                      | (value.Partial ? Present.Partial : 0)
                      | (value.HasOpenWarnings ? Present.OpenWarnings : 0)
                      | (value.Late ? Present.Late : 0)
                      | (value.GrowthPct is not null ? Present.GrowthPct : 0)
                      | (value.PriorYearValue is not null ? Present.PriorYearValue : 0)
                      | (value.FirstReceivedAt is not null ? Present.FirstReceivedAt : 0)
                      | (sums is not null ? Present.Sums : 0)
                      | (sums?.BaseSum is not null ? Present.BaseSum : 0)
                      | (sums?.IncreaseSum is not null ? Present.IncreaseSum : 0)
                      | (sums?.WeightSum is not null ? Present.WeightSum : 0)
                      | (sums?.WeightedSum is not null ? Present.WeightedSum : 0)
                      | (sums?.WeightedBaseSum is not null ? Present.WeightedBaseSum : 0)
                      | (sums is { WeightPeriods: not 0 } ? Present.WeightPeriods : 0);
        writer.Write((ushort)present);
        writer.Write(value.Value);
        writer.Write7BitEncodedInt(value.Status);
        WriteIfAny(writer, value.GrowthPct);
        WriteIfAny(writer, value.PriorYearValue);
        if (value.FirstReceivedAt is { } first)
        {
            writer.Write(first.UtcTicks);
        }
        if (sums is not null)
        {
            writer.Write((byte)sums.Basis);
            WriteIfAny(writer, sums.BaseSum);
            WriteIfAny(writer, sums.IncreaseSum);
            WriteIfAny(writer, sums.WeightSum);
            WriteIfAny(writer, sums.WeightedSum);
            WriteIfAny(writer, sums.WeightedBaseSum);
            if (sums.WeightPeriods != 0)
            {
                writer.Write((byte)sums.WeightPeriods);
            }
        }
        return stream.ToArray();
    }

    public static NodeValue? Decode(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        if (reader.ReadByte() is var version && version != Version)
        {
            throw new InvalidDataException($"Stored node value of version {version}; this build reads version {Version}.");
        }
        var present = (Present)reader.ReadUInt16();
        if (!present.HasFlag(Present.Value))
        {
            return null;
        }
        var value = reader.ReadDecimal();
        var status = reader.Read7BitEncodedInt();
        var growth = ReadIf(reader, present, Present.GrowthPct);
        var prior = ReadIf(reader, present, Present.PriorYearValue);
        DateTimeOffset? first = present.HasFlag(Present.FirstReceivedAt) ? new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero) : null;
        RolledUpSums? sums = null;
        if (present.HasFlag(Present.Sums))
        {
            var basis = (GrowthBasis)reader.ReadByte();
            sums = new RolledUpSums(ReadIf(reader, present, Present.BaseSum), ReadIf(reader, present, Present.IncreaseSum), basis,
                ReadIf(reader, present, Present.WeightSum), ReadIf(reader, present, Present.WeightedSum), ReadIf(reader, present, Present.WeightedBaseSum))
            {
                // A value stored before the weight periods were recorded names none until it is recomputed.
                WeightPeriods = present.HasFlag(Present.WeightPeriods) ? reader.ReadByte() : 0,
            };
        }
        return new NodeValue(value, growth, prior, status, present.HasFlag(Present.Partial), first, present.HasFlag(Present.OpenWarnings),
            present.HasFlag(Present.Late)) { Sums = sums };
    }

    private static void WriteIfAny(BinaryWriter writer, decimal? value)
    {
        if (value is { } v)
        {
            writer.Write(v);
        }
    }

    private static decimal? ReadIf(BinaryReader reader, Present present, Present flag) => present.HasFlag(flag) ? reader.ReadDecimal() : null;
}
