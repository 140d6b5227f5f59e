using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace IndicatorExchange.EndToEnd.Tests.Faults;

/// <summary>
/// Random requests for the fuzzing test: messages of a method's input type filled with plausible and extreme field
/// values (through the generated descriptors), then, often, their bytes mutated (flipped, cut, spliced) or replaced.
/// </summary>
public sealed class RandomMessages(Random random)
{
    private static readonly string[] Strings =
    [
        "", "654000", "654002", "654025", "650000", "2022", "2023Q3", "2023M02", "2025", "GDP", "FOREIGN_TRADE", "POPULATION",
        "亿元", "万美元", "%", "12.5", "-0", "1e5", "0.00000000000000000000000000001", "79228162514264337593543950336", "NaN",
        "伊宁市", "\u0000", "a\u0000b", "county", "admin", "prefecture", "req-1", new string('x', 300), "ｇｄｐ", "🙂",
    ];

    private static readonly long[] Integers = [0, 1, -1, 2, 10, 100, 1000, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue];

    /// <summary>The bytes to send as one request of <paramref name="input"/>.</summary>
    public byte[] Next(MessageDescriptor input)
    {
        var valid = Fill(input, depth: 0).ToByteArray();
        return random.Next(10) switch
        {
            < 5 => valid,
            5 or 6 => Flip(valid),
            7 => valid[..random.Next(valid.Length + 1)],
            8 => [.. valid, .. Bytes(random.Next(1, 16))],
            _ => Bytes(random.Next(0, 64)),
        };
    }

    private IMessage Fill(MessageDescriptor descriptor, int depth)
    {
        var message = (IMessage)Activator.CreateInstance(descriptor.ClrType)!;
        foreach (var field in descriptor.Fields.InFieldNumberOrder())
        {
            if (field.IsMap || random.Next(3) == 0 || (field.FieldType == FieldType.Message && depth >= 3))
            {
                continue;
            }
            if (field.IsRepeated)
            {
                var list = (System.Collections.IList)field.Accessor.GetValue(message);
                for (var i = random.Next(0, 4); i > 0; i--)
                {
                    list.Add(Value(field, depth));
                }
            }
            else
            {
                field.Accessor.SetValue(message, Value(field, depth));
            }
        }
        return message;
    }

    private object Value(FieldDescriptor field, int depth) => field.FieldType switch
    {
        FieldType.String => Strings[random.Next(Strings.Length)],
        FieldType.Bytes => ByteString.CopyFrom(Bytes(random.Next(0, 32))),
        FieldType.Bool => random.Next(2) == 1,
        FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => (int)Integer(),
        FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => Integer(),
        FieldType.UInt32 or FieldType.Fixed32 => unchecked((uint)Integer()),
        FieldType.UInt64 or FieldType.Fixed64 => unchecked((ulong)Integer()),
        FieldType.Double => random.NextDouble() * Integer(),
        FieldType.Float => (float)(random.NextDouble() * Integer()),
        // A declared value most of the time, sometimes one the contract does not know.
        FieldType.Enum => random.Next(5) == 0 ? random.Next(-2, 100)
            : field.EnumType.Values[random.Next(field.EnumType.Values.Count)].Number,
        FieldType.Message or FieldType.Group => Fill(field.MessageType, depth + 1),
        _ => throw new NotSupportedException(field.FieldType.ToString()),
    };

    private long Integer() => random.Next(3) == 0 ? random.NextInt64(-1_000_000, 1_000_000) : Integers[random.Next(Integers.Length)];

    private byte[] Flip(byte[] bytes)
    {
        var copy = (byte[])bytes.Clone();
        for (var i = random.Next(1, 4); i > 0 && copy.Length > 0; i--)
        {
            copy[random.Next(copy.Length)] = (byte)random.Next(256);
        }
        return copy;
    }

    private byte[] Bytes(int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
