using Google.Protobuf;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Testing;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Storage;

/// <summary>
/// The indicator service answers the same on PostgreSQL as on SQLite (issue 23): the demo's seed figures, a new batch,
/// the same batch again, a revision, a replayed request id, a validate_only batch, an upload, a figure's history and the
/// whole change feed. Sequence numbers are engine-specific (PostgreSQL spends one on a rolled-back insert), so each
/// answer's sequences are written as their position on that engine's feed, and times of receipt are left out.
/// </summary>
public sealed class PostgresIndicatorServiceTests(PostgresSuiteFactory postgres, SuiteFactory sqlite, SkipReasons skips)
    : IClassFixture<PostgresSuiteFactory>, IClassFixture<SuiteFactory>, IClassFixture<SkipReasons>
{
    private const string OrgUnit = "654026";
    private const string Period = "2024Q2";

    [SkippableFact]
    public async Task Figures_submissions_uploads_histories_and_the_feed_answer_the_same_on_postgres_as_on_sqlite()
    {
        skips.SkipUnless(postgres.Postgres.Available, postgres.Postgres.Unavailable ?? "");
        var onPostgres = new IndicatorService.IndicatorServiceClient(postgres.CreateChannel());
        var onSqlite = new IndicatorService.IndicatorServiceClient(sqlite.CreateChannel());

        var answers = await Task.WhenAll(RunAsync(onPostgres), RunAsync(onSqlite));

        Assert.True(answers[0].Count > 100, "the seeds and the scenario's revisions");
        // The answers came from PostgreSQL: the revisions are in the indicator service's schema.
        await using (var connection = new Npgsql.NpgsqlConnection(postgres.ConnectionString))
        {
            await connection.OpenAsync();
            await using var count = new Npgsql.NpgsqlCommand(
                $"SELECT count(*) FROM indicator.figure_revisions WHERE org_unit = '{OrgUnit}' AND period = '{Period}'", connection);
            Assert.Equal(3L, await count.ExecuteScalarAsync());
        }
        Assert.Equal(string.Join("\n", answers[1]), string.Join("\n", answers[0]));
    }

    /// <summary>Every answer of the scenario as text, sequences as positions on the feed.</summary>
    private static async Task<List<string>> RunAsync(IndicatorService.IndicatorServiceClient client)
    {
        var answers = new List<IMessage>();
        const string requestId = "5d1c0f7e-postgres-indicator-e2e"; // the same on both engines: each suite has a database of its own

        answers.AddRange(await Figures.ListAllAsync(client));
        answers.Add(await client.SubmitFiguresAsync(Batch(OrgUnit, Period, Figure("GDP", "80.50", "亿元", "6.5"), Figure("RETAIL_SALES", "300000", "万元"))));
        answers.Add(await client.SubmitFiguresAsync(Batch(OrgUnit, Period, Figure("GDP", "8050000000", "元", "6.5"))));
        var revision = Batch(OrgUnit, Period, Figure("GDP", "81", "亿元", "7"));
        revision.RequestId = requestId;
        answers.Add(await client.SubmitFiguresAsync(revision));
        answers.Add(await client.SubmitFiguresAsync(revision));
        var validateOnly = Batch(OrgUnit, Period, Figure("GDP", "99", "亿元"));
        validateOnly.ValidateOnly = true;
        answers.Add(await client.SubmitFiguresAsync(validateOnly));
        answers.Add(await Uploads.SendAsync(client, [Uploads.Header("upload-" + requestId),
            Uploads.Part("654027", Period, Figure("GDP", "70", "亿元")), Uploads.Part("654028", Period, Figure("GDP", "60", "亿元"), Figure("RETAIL_SALES", "20", "亿元"))]));
        answers.Add(await client.GetFigureHistoryAsync(new GetFigureHistoryRequest { OrgUnit = OrgUnit, Period = Period, Indicator = "GDP", PageSize = 1 }));
        answers.AddRange(await Figures.ListAllAsync(client, OrgUnit, Period));

        var feed = await Figures.ReadWholeFeedAsync(client);
        var positions = feed.Select((change, i) => (change.Sequence, Position: i + 1L)).ToDictionary(p => p.Sequence, p => p.Position);
        answers.AddRange(feed.Select(c => c.Figure));
        return answers.Select(a => Format(a, positions)).ToList();
    }

    /// <summary>An answer as text, each sequence written as its position on the feed and times of receipt left out.</summary>
    internal static string Format(IMessage answer, IReadOnlyDictionary<long, long> positions)
    {
        long Position(long sequence) => sequence == 0 ? 0 : positions[sequence];
        Figure Renumbered(Figure figure)
        {
            var copy = figure.Clone();
            copy.Sequence = Position(copy.Sequence);
            copy.ReplacesSequence = Position(copy.ReplacesSequence);
            copy.ReceivedAt = null;
            return copy;
        }
        IMessage renumbered;
        switch (answer)
        {
            case Figure figure:
                renumbered = Renumbered(figure);
                break;
            case SubmitFiguresResponse submitted:
                renumbered = new SubmitFiguresResponse(submitted) { LastSequence = Position(submitted.LastSequence) };
                break;
            case UploadFiguresResponse uploaded:
                renumbered = new UploadFiguresResponse(uploaded) { LastSequence = Position(uploaded.LastSequence) };
                break;
            case GetFigureHistoryResponse history:
                var copy = history.Clone();
                copy.Revisions.Clear();
                copy.Revisions.AddRange(history.Revisions.Select(Renumbered));
                renumbered = copy;
                break;
            default:
                renumbered = answer;
                break;
        }
        return $"{renumbered.Descriptor.Name} {JsonFormatter.Default.Format(renumbered)}";
    }
}
