using System.Globalization;
using IndicatorExchange.Contracts.Common.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using ExactDecimal = IndicatorExchange.Contracts.Common.V1.Decimal;

namespace IndicatorExchange.Client;

/// <summary>Building figures and batches from <see cref="decimal"/> values, without hand-writing protobuf.</summary>
public static class Figures
{
    /// <summary>
    /// A figure in any unit the indicator accepts: <c>Figure("FOREIGN_TRADE", 1920m, "万美元")</c> is stored as
    /// 0.192 亿美元. Values travel as exact text, never through floating point.
    /// </summary>
    /// <param name="indicator">Catalog code, for example "GDP".</param>
    /// <param name="value">The value as reported.</param>
    /// <param name="unit">Its unit as the report writes it, for example "亿元" or "万美元".</param>
    /// <param name="yoyGrowthPct">Year-on-year growth in percent ("3" is +3%), when reported.</param>
    /// <param name="status">Preliminary, reported (the default) or final.</param>
    /// <param name="note">Free-text remark kept with the revision.</param>
    public static FigureInput Figure(string indicator, decimal value, string unit, decimal? yoyGrowthPct = null,
        FigureStatus status = FigureStatus.Reported, string note = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(indicator);
        ArgumentException.ThrowIfNullOrWhiteSpace(unit);
        return new FigureInput
        {
            Indicator = indicator,
            Quantity = new Quantity { Value = Exact(value), Unit = unit },
            YoyGrowthPct = yoyGrowthPct is { } growth ? Exact(growth) : null,
            Status = status,
            Note = note ?? "",
        };
    }

    /// <summary>A SubmitFigures request for one org unit and period (the client sets its request id when sent).</summary>
    public static SubmitFiguresRequest Batch(string orgUnit, string period, params FigureInput[] figures)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orgUnit);
        ArgumentException.ThrowIfNullOrWhiteSpace(period);
        var request = new SubmitFiguresRequest { OrgUnit = orgUnit, Period = period };
        request.Figures.AddRange(figures);
        return request;
    }

    /// <summary>One batch of an upload (<see cref="IndicatorExchangeClient.UploadFiguresAsync"/>): one org unit and period.</summary>
    public static UploadBatch UploadBatch(string orgUnit, string period, params FigureInput[] figures)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orgUnit);
        ArgumentException.ThrowIfNullOrWhiteSpace(period);
        var batch = new UploadBatch { OrgUnit = orgUnit, Period = period };
        batch.Figures.AddRange(figures);
        return batch;
    }

    /// <summary>A value as the contracts' exact decimal, in canonical text: 0.1920m is "0.192", 1920m is "1920".</summary>
    public static ExactDecimal Exact(decimal value) => new() { Value = Text(value) };

    /// <summary>Canonical decimal text: no exponent, no trailing zeros after the point, invariant culture.</summary>
    public static string Text(decimal value) =>
        value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>Reads the contracts' exact decimal text back into a <see cref="decimal"/>.</summary>
    public static decimal Parse(ExactDecimal value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return decimal.Parse(value.Value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
    }
}
