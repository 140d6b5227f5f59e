using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Host.CommandLine;
using IndicatorExchange.Testing;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>The suite on the SQLite files of a given data directory, with the given demo data (empty: none).</summary>
public sealed class DataDirectorySuiteFactory(string dataDirectory, string demo) : SuiteFactory
{
    protected override string Demo => demo;

    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("DataDirectory", dataDirectory)];
}

/// <summary>
/// <c>indicatorexchange backup --to DIR</c> while the suite runs and takes writes; a suite started on the restored files
/// (no demo data of its own) answers as the original: targets, figures, the prefecture's summary, the audit trail.
/// </summary>
public sealed class SqliteBackupTests : IDisposable
{
    private const string SetTargets = "/indicatorexchange.target.v1.TargetService/SetTargets";

    private readonly TemporaryDirectory _folder = new("ix-backup-");

    [Fact]
    public async Task A_backup_taken_while_the_suite_runs_restores_to_a_suite_with_the_same_answers()
    {
        var (data, backup, restoredData) = (Path.Combine(_folder.Path, "data"), Path.Combine(_folder.Path, "backup"), Path.Combine(_folder.Path, "restored"));
        using var original = new DataDirectorySuiteFactory(data, "true");
        var originalChannel = original.CreateChannel();
        var indicators = new IndicatorService.IndicatorServiceClient(originalChannel);

        // Another period keeps being written before, while and after the backup runs.
        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var value = (100 + Volatile.Read(ref writes)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                await indicators.SubmitFiguresAsync(Batch("654021", "2019", Figure("TOURIST_VISITS", value, "万人次")));
                Interlocked.Increment(ref writes);
            }
        });
        await WaitForAsync(() => Volatile.Read(ref writes) >= 3);
        var (output, error) = (new StringWriter(), new StringWriter());
        var exitCode = await HostCommandLine.Parse(["backup", "--to", backup, "--data-dir", data]).InvokeAsync(output, error);
        var writtenByTheEnd = Volatile.Read(ref writes);
        await WaitForAsync(() => Volatile.Read(ref writes) >= writtenByTheEnd + 3);
        await stop.CancelAsync();
        await writer;

        Assert.True(exitCode == 0, error.ToString());
        Assert.Equal(["aggregation.db", "audit.db", "indicator.db", "target.db"], Directory.GetFiles(backup, "*.db").Select(Path.GetFileName).Order());
        Assert.StartsWith("aggregation.db:", output.ToString(), StringComparison.Ordinal);
        // Restore: copy the backup's files into a data directory (the suite stopped), start a suite on it.
        CopyDirectory(backup, restoredData);
        using var restored = new DataDirectorySuiteFactory(restoredData, "");
        var restoredChannel = restored.CreateChannel();

        Assert.NotEmpty(await SuiteAnswers.TargetsAsync(originalChannel, 2023));
        Assert.Equal(await SuiteAnswers.TargetsAsync(originalChannel, 2023), await SuiteAnswers.TargetsAsync(restoredChannel, 2023));
        Assert.NotEmpty(await SuiteAnswers.FiguresAsync(originalChannel, "2022"));
        Assert.Equal(await SuiteAnswers.FiguresAsync(originalChannel, "2022"), await SuiteAnswers.FiguresAsync(restoredChannel, "2022"));
        Assert.Equal(await SuiteAnswers.AuditAsync(originalChannel, SetTargets), await SuiteAnswers.AuditAsync(restoredChannel, SetTargets));
        var (summary, restoredSummary) = await SuiteAnswers.SummariesAsync(originalChannel, restoredChannel, "2022");
        Assert.Equal(summary, restoredSummary);
        // The 2019 revisions restored are those committed before the backup read the file: at least the first three, none of
        // the last (one may have been in flight, committed but not yet counted, when the backup ended).
        var restored2019 = await new IndicatorService.IndicatorServiceClient(restoredChannel).GetFigureHistoryAsync(
            new GetFigureHistoryRequest { OrgUnit = "654021", Period = "2019", Indicator = "TOURIST_VISITS" });
        Assert.InRange(restored2019.Revisions.Count, 3, writtenByTheEnd + 1);
    }

    [Fact]
    public async Task A_backup_refuses_a_folder_that_is_not_empty_and_a_data_directory_without_databases()
    {
        var existing = Directory.CreateDirectory(Path.Combine(_folder.Path, "existing")).FullName;
        await File.WriteAllTextAsync(Path.Combine(existing, "indicator.db"), "an earlier backup");
        var empty = Directory.CreateDirectory(Path.Combine(_folder.Path, "empty")).FullName;

        var intoExisting = await HostCommandLine.Parse(["backup", "--to", existing, "--data-dir", existing]).InvokeAsync(TextWriter.Null, TextWriter.Null);
        var fromEmpty = await HostCommandLine.Parse(["backup", "--to", Path.Combine(_folder.Path, "new"), "--data-dir", empty]).InvokeAsync(TextWriter.Null, TextWriter.Null);

        Assert.Equal((1, 2), (intoExisting, fromEmpty));
        Assert.Equal("an earlier backup", await File.ReadAllTextAsync(Path.Combine(existing, "indicator.db")));
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "new")));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the writes did not go on within 30 s");
            await Task.Delay(10);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
