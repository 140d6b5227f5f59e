using BenchmarkDotNet.Attributes;
using IndicatorExchange.Domain.Numbers;
using IndicatorExchange.Domain.Units;

namespace IndicatorExchange.MicroBenchmarks;

/// <summary>One value as a county sends it (text and unit) to canonical text in the indicator's unit, as validation does.</summary>
[MemoryDiagnoser]
public class UnitNormalisationBenchmarks
{
    private readonly UnitDefinition _canonical = UnitTable.TryGet("亿美元", out var unit) ? unit : throw new InvalidOperationException();

    [Params("1920 万美元", "7.4 亿美元", "123456789.0123 美元")]
    public string Sent { get; set; } = "";

    private string _value = "";
    private string _unit = "";

    [GlobalSetup]
    public void Setup() => (_value, _unit) = (Sent.Split(' ')[0], Sent.Split(' ')[1]);

    [Benchmark]
    public string Normalise()
    {
        if (!DecimalText.TryParse(_value, out var value) || !UnitTable.TryGet(_unit, out var unit)
            || !UnitTable.TryConvert(value, unit, _canonical, out var converted))
        {
            throw new InvalidOperationException();
        }
        return DecimalText.Format(converted);
    }
}
