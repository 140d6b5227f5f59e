namespace IndicatorExchange.Benchmarks;

/// <summary>What the benchmarks of one run share: the mode, the storage engine and the national suite, loaded once by whichever needs it first.</summary>
public sealed class BenchContext(bool quick, string[] args) : IAsyncDisposable
{
    private NationalSuite? _national;

    public bool Quick { get; } = quick;

    public string Mode => Quick ? "quick" : "full";

    public string[] Args { get; } = args;

    /// <summary>The engine every suite of the run stores in (<c>--storage=</c>).</summary>
    public BenchEngine Engine { get; } = BenchEngine.FromArguments(args);

    /// <summary>The suite with the generated tree, catalog and one quarter of figures, rolled up.</summary>
    public async Task<NationalSuite> NationalAsync()
    {
        if (_national is null)
        {
            Console.WriteLine($"  generating and loading the {(Quick ? "quick" : "national")} data set …");
            _national = await NationalSuite.StartAsync(Quick, Engine, IntArg("--regions", 0) is > 0 and var regions ? regions : null);
            await _national.IngestFirstQuarterAsync();
        }
        return _national;
    }

    public NationalSuite? NationalIfLoaded => _national;

    public int IntArg(string option, int fallback) =>
        Args.FirstOrDefault(a => a.StartsWith(option + "=", StringComparison.Ordinal)) is { } arg && int.TryParse(arg[(option.Length + 1)..], out var value)
            ? value
            : fallback;

    public async ValueTask DisposeAsync()
    {
        if (_national is not null)
        {
            await _national.DisposeAsync();
        }
        Engine.Dispose();
    }
}
