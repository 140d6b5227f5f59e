using IndicatorExchange.Domain.Validation;

namespace IndicatorExchange.Domain.Tests.Validation;

/// <summary>Operands from a dictionary keyed by "name" or "name(INDICATOR)"; anything else is absent. Records what was asked.</summary>
internal sealed class DictionaryOperandSource(IReadOnlyDictionary<string, decimal> values) : IOperandSource
{
    public DictionaryOperandSource() : this(new Dictionary<string, decimal>())
    {
    }

    public List<string> Requested { get; } = [];

    public decimal? Resolve(string name, string? indicator)
    {
        var key = indicator is null ? name : $"{name}({indicator})";
        Requested.Add(key);
        return values.TryGetValue(key, out var value) ? value : null;
    }

    public static DictionaryOperandSource Of(params (string Key, decimal Value)[] values) =>
        new(values.ToDictionary(v => v.Key, v => v.Value));
}
