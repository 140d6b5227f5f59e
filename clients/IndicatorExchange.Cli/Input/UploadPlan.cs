using System.Security.Cryptography;
using Google.Protobuf;
using IndicatorExchange.Contracts.Indicator.V1;

namespace IndicatorExchange.Cli.Input;

/// <summary>
/// The UploadBatch messages of one push, with the file row of every figure so that problems the service reports
/// as <c>batches[k].figures[i]</c> (or as a flat index across the upload) can be given as row numbers.
/// </summary>
public sealed class UploadPlan
{
    /// <summary>Figures per UploadBatch message: an org unit and period with more is split over several messages.</summary>
    public const int FiguresPerMessage = 1000;

    private readonly int[] _offsets;

    public UploadPlan(string requestId, string file, IReadOnlyList<UploadBatch> batches, IReadOnlyList<int> rows)
    {
        RequestId = requestId;
        File = file;
        Batches = batches;
        Rows = rows;
        _offsets = new int[batches.Count];
        for (var k = 1; k < batches.Count; k++)
        {
            _offsets[k] = _offsets[k - 1] + batches[k - 1].Figures.Count;
        }
        if (rows.Count != FigureCount)
        {
            throw new InvalidDataException($"The upload has {FigureCount} figures but {rows.Count} row numbers.");
        }
    }

    public string RequestId { get; }

    public string File { get; }

    public IReadOnlyList<UploadBatch> Batches { get; }

    /// <summary>The file row of each figure, in the order sent.</summary>
    public IReadOnlyList<int> Rows { get; }

    public int FigureCount => Batches.Sum(b => b.Figures.Count);

    /// <summary>
    /// Groups the rows by org unit and period (in order of first appearance). The request id is derived from the
    /// content (a SHA-256 of the messages), so pushing the same file again is answered with the first answer and
    /// changes nothing; <paramref name="requestId"/> overrides it.
    /// </summary>
    public static UploadPlan Build(string file, IReadOnlyList<FigureRow> figures, string? requestId = null)
    {
        var batches = new List<UploadBatch>();
        var rows = new List<int>();
        foreach (var group in figures.GroupBy(f => (f.OrgUnit, f.Period)))
        {
            foreach (var chunk in group.Chunk(FiguresPerMessage))
            {
                var batch = new UploadBatch { OrgUnit = group.Key.OrgUnit, Period = group.Key.Period };
                batch.Figures.AddRange(chunk.Select(f => f.Figure));
                batches.Add(batch);
                rows.AddRange(chunk.Select(f => f.Row));
            }
        }
        return new UploadPlan(requestId ?? ContentRequestId(batches), file, batches, rows);
    }

    public static string ContentRequestId(IEnumerable<UploadBatch> batches)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var batch in batches)
        {
            var bytes = batch.ToByteArray();
            hash.AppendData(BitConverter.GetBytes(bytes.Length));
            hash.AppendData(bytes);
        }
        return "ixc-" + Convert.ToHexString(hash.GetHashAndReset())[..32].ToLowerInvariant();
    }

    /// <summary>The row of figure <paramref name="figure"/> of batch message <paramref name="batch"/>.</summary>
    public int? RowOf(int batch, int figure) =>
        batch >= 0 && batch < Batches.Count && figure >= 0 && figure < Batches[batch].Figures.Count ? Rows[_offsets[batch] + figure] : null;

    /// <summary>The row of the figure at a position across the whole upload.</summary>
    public int? RowAt(int index) => index >= 0 && index < Rows.Count ? Rows[index] : null;

    /// <summary>The figure at a position across the whole upload.</summary>
    public FigureInput? FigureAt(int index)
    {
        for (var k = Batches.Count - 1; k >= 0; k--)
        {
            if (index >= _offsets[k])
            {
                return index - _offsets[k] < Batches[k].Figures.Count ? Batches[k].Figures[index - _offsets[k]] : null;
            }
        }
        return null;
    }

    /// <summary>The rows of one batch message.</summary>
    public IReadOnlyList<int> RowsOfBatch(int batch) =>
        batch >= 0 && batch < Batches.Count ? Rows.Skip(_offsets[batch]).Take(Batches[batch].Figures.Count).ToList() : [];

    /// <summary>Org units and periods, for one-line descriptions: "654025 2023Q3, 654002 2022", or "11 org units × 28 periods, 2019Q1 to 2025Q4".</summary>
    public string Scope()
    {
        var pairs = Batches.Select(b => $"{b.OrgUnit} {b.Period}").Distinct().ToList();
        if (pairs.Count <= 4)
        {
            return string.Join(", ", pairs);
        }
        var orgs = Batches.Select(b => b.OrgUnit).Distinct().Order(StringComparer.Ordinal).ToList();
        var periods = Batches.Select(b => b.Period).Distinct().Order(StringComparer.Ordinal).ToList();
        var orgText = orgs.Count <= 3 ? string.Join(" ", orgs) : $"{orgs.Count} org units";
        var periodText = periods.Count <= 3 ? string.Join(" ", periods) : $"{periods.Count} periods {periods[0]} to {periods[^1]}";
        return $"{orgText}; {periodText}";
    }
}
