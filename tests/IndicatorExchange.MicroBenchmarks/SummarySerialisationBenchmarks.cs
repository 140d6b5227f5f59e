using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using IndicatorExchange.Aggregation.Summaries;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Domain.Periods;

namespace IndicatorExchange.MicroBenchmarks;

/// <summary>
/// A prefecture's full table (50 rows × 9 counties): what GetSummary did per request before the cache (parse the
/// 50 stored rows and serialise the answer), and what it does now on a hit (an answer around the cached rows, serialised).
/// </summary>
[MemoryDiagnoser]
public class SummarySerialisationBenchmarks
{
    private List<SummaryRow> _rows = null!;
    private List<byte[]> _stored = null!;

    [GlobalSetup]
    public void Setup()
    {
        var evaluator = MicroData.Evaluator();
        var period = Period.Parse(MicroData.Period);
        _rows = MicroData.Indicators.Select(i => SummaryRowBuilder.Build(evaluator, MicroData.Prefecture, i, period)).ToList();
        _stored = _rows.Select(r => r.ToByteArray()).ToList();
    }

    [Benchmark]
    public int ParseStoredRows() => _stored.Sum(bytes => SummaryRow.Parser.ParseFrom(bytes).Children.Count);

    [Benchmark(Baseline = true)]
    public int UncachedAnswer()
    {
        var summary = new Summary { OrgUnit = MicroData.Prefecture, Period = MicroData.Period, AsOfSequence = 900 };
        summary.Rows.AddRange(_stored.Select(bytes => SummaryRow.Parser.ParseFrom(bytes)));
        return summary.ToByteArray().Length;
    }

    [Benchmark]
    public int CachedAnswer() => Answer().ToByteArray().Length;

    private Summary Answer()
    {
        var summary = new Summary { OrgUnit = MicroData.Prefecture, Period = MicroData.Period, AsOfSequence = 900 };
        summary.Rows.AddRange(_rows);
        return summary;
    }
}
