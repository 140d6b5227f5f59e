using BenchmarkDotNet.Attributes;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Domain.Validation;
using IndicatorExchange.Indicator.Catalog;
using IndicatorExchange.Indicator.Storage;
using IndicatorExchange.Indicator.Submissions;
using ProtoDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.MicroBenchmarks;

/// <summary>SubmissionValidator over one county's batch of 50 figures in 万元 (each normalised to 亿元), as in an upload.</summary>
[MemoryDiagnoser]
public class ValidationBenchmarks
{
    private static readonly DateOnly Today = new(2026, 1, 10);
    private ReferenceData.Snapshot _reference = null!;
    private List<FigureInput> _batch = null!;

    [GlobalSetup]
    public void Setup()
    {
        var units = MicroData.Tree.All.ToList();
        _reference = new ReferenceData.Snapshot(MicroData.Indicators, MicroData.Catalog.IndicatorsByCode, units, MicroData.Tree,
            new Dictionary<string, PeriodRecord>(StringComparer.Ordinal) { [MicroData.Period] = new() { Code = MicroData.Period } },
            CompiledRule.CompileAll(DefaultRules.All), DateTimeOffset.UtcNow);
        _batch = MicroData.Indicators.Select((indicator, i) => new FigureInput
        {
            Indicator = indicator.Code,
            Quantity = new Quantity { Value = new ProtoDecimal { Value = (1_000_000 + i * 137).ToString(System.Globalization.CultureInfo.InvariantCulture) }, Unit = "万元" },
            YoyGrowthPct = new ProtoDecimal { Value = "3.5" },
            Status = FigureStatus.Reported,
        }).ToList();
    }

    [Benchmark]
    public int ValidateBatchOf50()
    {
        var validator = new SubmissionValidator(_reference, Today);
        var group = validator.Validate(MicroData.Counties[0], MicroData.Period, _batch, "batches[0].", 0);
        return validator.Found.Any || group is null ? throw new InvalidOperationException("rejected") : group.Figures.Count;
    }
}
