using System.Globalization;
using IndicatorExchange.Contracts.Aggregation.V1;

namespace IndicatorExchange.Dashboard.Model;

/// <summary>
/// The trend chart's geometry, computed in decimals: one point per period with a value (a gap where a period has none),
/// each labelled with its value, lines between neighbouring points, and a value axis of round steps that starts at zero
/// unless the values lie far from it. A single period is one labelled point, not an empty chart.
/// </summary>
public sealed record TrendPlot(
    IReadOnlyList<TrendPlot.Point> Points,
    IReadOnlyList<IReadOnlyList<TrendPlot.Point>> Lines,
    IReadOnlyList<TrendPlot.Tick> Ticks,
    IReadOnlyList<TrendPlot.PeriodLabel> Periods)
{
    public const decimal Width = 420m;
    public const decimal Height = 250m;
    public const decimal Left = 56m;
    public const decimal Right = 40m;
    public const decimal Top = 22m;
    public const decimal Bottom = 30m;

    /// <summary>A period with a value: where it is drawn and its label.</summary>
    public sealed record Point(string Period, decimal Value, decimal X, decimal Y, string Label, bool Partial);

    /// <summary>A line of the value axis.</summary>
    public sealed record Tick(decimal Y, string Label);

    /// <summary>A period's name under the axis (partial totals marked *).</summary>
    public sealed record PeriodLabel(decimal X, string Text);

    public static TrendPlot Build(ListSeriesResponse series, int? precision)
    {
        var places = precision ?? 2;
        var periods = series.Points.ToList();
        var values = periods.Select(p => NumberText.Value(p.Value)).ToList();
        var known = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        var plotWidth = Width - Left - Right;
        var step = periods.Count > 1 ? plotWidth / (periods.Count - 1) : 0m;
        decimal X(int i) => periods.Count > 1 ? Left + step * i : Left + plotWidth / 2;
        // At most about six period names fit under the axis: name every n-th period, counted back from the last.
        var every = Math.Max(1, (periods.Count + 5) / 6);
        var labels = periods.Select((p, i) => (p, i))
            .Where(x => (periods.Count - 1 - x.i) % every == 0)
            .Select(x => new PeriodLabel(X(x.i), x.p.Partial ? $"{x.p.Period}*" : x.p.Period))
            .ToList();
        if (known.Count == 0)
        {
            return new TrendPlot([], [], [], labels);
        }
        var (low, high, tick) = Axis(known.Min(), known.Max());
        decimal Y(decimal v) => Top + (high - v) / (high - low) * (Height - Top - Bottom);
        var points = new List<Point>();
        var lines = new List<IReadOnlyList<Point>>();
        var line = new List<Point>();
        for (var i = 0; i < periods.Count; i++)
        {
            if (values[i] is not { } value)
            {
                Close();
                continue;
            }
            var point = new Point(periods[i].Period, value, X(i), Y(value), NumberText.Format(value, places), periods[i].Partial);
            points.Add(point);
            line.Add(point);
        }
        Close();
        var tickPlaces = Math.Max(0, -(int)Math.Floor(Log10(tick)));
        var ticks = new List<Tick>();
        for (var v = low; v <= high; v += tick)
        {
            ticks.Add(new Tick(Y(v), NumberText.Format(v, tickPlaces)));
        }
        return new TrendPlot(points, lines, ticks, labels);

        void Close()
        {
            if (line.Count > 1)
            {
                lines.Add(line);
            }
            line = [];
        }
    }

    /// <summary>SVG coordinates: invariant, two decimals.</summary>
    public static string Svg(decimal value) => decimal.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>The points of one line as an SVG polyline's points attribute.</summary>
    public static string Polyline(IEnumerable<Point> line) => string.Join(" ", line.Select(p => $"{Svg(p.X)},{Svg(p.Y)}"));

    /// <summary>A round axis around [min, max]: from zero when the values are near it (or span it), else around them.</summary>
    private static (decimal Low, decimal High, decimal Tick) Axis(decimal min, decimal max)
    {
        var low = min >= 0m && min <= max / 2m ? 0m : min;
        var high = max <= 0m && max >= min / 2m ? 0m : max;
        if (low == high)
        {
            // One value (or all equal): an axis from zero to it, or around it when it is zero.
            (low, high) = low > 0m ? (0m, low) : low < 0m ? (low, 0m) : (0m, 1m);
        }
        var tick = NiceStep((high - low) / 4m);
        low = Math.Floor(low / tick) * tick;
        // Leave room above the highest point for its label.
        high = (Math.Floor(high / tick) + 1m) * tick;
        return (low, high, tick);
    }

    /// <summary>1, 2 or 5 times a power of ten, at least <paramref name="rough"/>.</summary>
    private static decimal NiceStep(decimal rough)
    {
        var power = Pow10((int)Math.Floor(Log10(rough)));
        foreach (var factor in new[] { 1m, 2m, 5m, 10m })
        {
            if (factor * power >= rough)
            {
                return factor * power;
            }
        }
        return 10m * power;
    }

    private static double Log10(decimal value) => Math.Log10((double)value);

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < Math.Abs(exponent); i++)
        {
            result *= 10m;
        }
        return exponent < 0 ? 1m / result : result;
    }
}
