using System.Globalization;
using Dapper;
using Google.Protobuf;
using IndicatorExchange.Cli.Input;
using IndicatorExchange.Contracts.Indicator.V1;
using Microsoft.Data.Sqlite;

namespace IndicatorExchange.Cli.Outbox;

/// <summary>
/// The local store (SQLite, default ~/.ixc/outbox.db): uploads waiting for the service, in the order they were
/// queued, each with its request id, its serialized UploadBatch messages and the file row of each figure; the
/// request ids already delivered; and the last catalog read, for reading files offline. Committed with
/// synchronous=FULL: a queued upload survives a crash or a power cut.
/// </summary>
public sealed class OutboxStore(string path)
{
    private bool _created;

    public string Path { get; } = System.IO.Path.GetFullPath(path);

    /// <summary>Queues a plan; when its request id is already queued, returns that entry instead.</summary>
    public async Task<(long Id, bool AlreadyQueued)> EnqueueAsync(UploadPlan plan)
    {
        await using var connection = await OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var existing = await connection.QuerySingleOrDefaultAsync<long?>(
            "SELECT id FROM outbox WHERE request_id = @RequestId", new { plan.RequestId }, transaction);
        if (existing is { } id)
        {
            return (id, true);
        }
        var newId = await connection.ExecuteScalarAsync<long>(
            """
            INSERT INTO outbox (request_id, file, scope, figures, rows, batches, queued_at)
            VALUES (@RequestId, @File, @Scope, @Figures, @Rows, @Batches, @QueuedAt)
            RETURNING id
            """,
            new
            {
                plan.RequestId,
                File = System.IO.Path.GetFullPath(plan.File),
                Scope = plan.Scope(),
                Figures = plan.FigureCount,
                Rows = string.Join(',', plan.Rows),
                Batches = Serialize(plan.Batches),
                QueuedAt = Now(),
            },
            transaction);
        await transaction.CommitAsync();
        return (newId, false);
    }

    /// <summary>Everything waiting, oldest first (the order of delivery).</summary>
    public async Task<IReadOnlyList<QueuedUpload>> ListAsync()
    {
        await using var connection = await OpenAsync();
        return (await connection.QueryAsync<QueuedUpload>(
            """
            SELECT id AS Id, request_id AS RequestId, file AS File, scope AS Scope, figures AS Figures, queued_at AS QueuedAt,
                   attempts AS Attempts, last_error AS LastError, last_attempt_at AS LastAttemptAt
            FROM outbox ORDER BY id
            """)).ToList();
    }

    /// <summary>The queued upload's messages and rows, as they were when queued.</summary>
    public async Task<UploadPlan> LoadPlanAsync(QueuedUpload upload)
    {
        await using var connection = await OpenAsync();
        var stored = await connection.QuerySingleAsync<(byte[] Batches, string Rows)>(
            "SELECT batches, rows FROM outbox WHERE id = @Id", new { upload.Id });
        var rows = stored.Rows.Length == 0 ? [] : stored.Rows.Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToList();
        return new UploadPlan(upload.RequestId, upload.File, Deserialize(stored.Batches), rows);
    }

    public async Task<bool> RemoveAsync(long id)
    {
        await using var connection = await OpenAsync();
        return await connection.ExecuteAsync("DELETE FROM outbox WHERE id = @id", new { id }) > 0;
    }

    public async Task RecordFailedAttemptAsync(long id, string error)
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync(
            "UPDATE outbox SET attempts = attempts + 1, last_error = @error, last_attempt_at = @now WHERE id = @id",
            new { id, error, now = Now() });
    }

    /// <summary>Remembers an acknowledged upload and, in the same transaction, removes it from the queue.</summary>
    public async Task RecordDeliveryAsync(UploadPlan plan, long? queuedId = null)
    {
        await using var connection = await OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await connection.ExecuteAsync(
            "INSERT OR IGNORE INTO delivered (request_id, file, delivered_at) VALUES (@RequestId, @File, @Now)",
            new { plan.RequestId, File = System.IO.Path.GetFullPath(plan.File), Now = Now() }, transaction);
        if (queuedId is { } id)
        {
            await connection.ExecuteAsync("DELETE FROM outbox WHERE id = @id", new { id }, transaction);
        }
        await transaction.CommitAsync();
    }

    public async Task<DeliveryRecord?> FindDeliveryAsync(string requestId)
    {
        await using var connection = await OpenAsync();
        return await connection.QuerySingleOrDefaultAsync<DeliveryRecord>(
            "SELECT request_id AS RequestId, file AS File, delivered_at AS DeliveredAt FROM delivered WHERE request_id = @requestId",
            new { requestId });
    }

    public async Task SaveCatalogAsync(IReadOnlyList<Indicator> indicators)
    {
        await using var connection = await OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await connection.ExecuteAsync("DELETE FROM catalog", transaction: transaction);
        await connection.ExecuteAsync(
            "INSERT INTO catalog (position, code, indicator, cached_at) VALUES (@Position, @Code, @Indicator, @CachedAt)",
            indicators.Select((indicator, i) => new { Position = i, indicator.Code, Indicator = indicator.ToByteArray(), CachedAt = Now() }),
            transaction);
        await transaction.CommitAsync();
    }

    /// <summary>The catalog as last read from the service, or null when it never was.</summary>
    public async Task<IndicatorCatalog?> LoadCatalogAsync()
    {
        await using var connection = await OpenAsync();
        var rows = (await connection.QueryAsync<(byte[] Indicator, string CachedAt)>(
            "SELECT indicator, cached_at FROM catalog ORDER BY position")).ToList();
        return rows.Count == 0
            ? null
            : new IndicatorCatalog(rows.Select(r => Indicator.Parser.ParseFrom(r.Indicator)).ToList(),
                DateTimeOffset.Parse(rows[0].CachedAt, CultureInfo.InvariantCulture));
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, DefaultTimeout = 30 }.ToString());
        if (!_created)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        }
        await connection.OpenAsync();
        await connection.ExecuteAsync("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;");
        if (!_created)
        {
            await connection.ExecuteAsync(Schema);
            _created = true;
        }
        return connection;
    }

    private const string Schema =
        """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            request_id TEXT NOT NULL UNIQUE,
            file TEXT NOT NULL,
            scope TEXT NOT NULL,
            figures INTEGER NOT NULL,
            rows TEXT NOT NULL,
            batches BLOB NOT NULL,
            queued_at TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            last_error TEXT,
            last_attempt_at TEXT);
        CREATE TABLE IF NOT EXISTS delivered (
            request_id TEXT PRIMARY KEY,
            file TEXT NOT NULL,
            delivered_at TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS catalog (
            position INTEGER PRIMARY KEY,
            code TEXT NOT NULL,
            indicator BLOB NOT NULL,
            cached_at TEXT NOT NULL);
        """;

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static byte[] Serialize(IEnumerable<UploadBatch> batches)
    {
        using var stream = new MemoryStream();
        foreach (var batch in batches)
        {
            batch.WriteDelimitedTo(stream);
        }
        return stream.ToArray();
    }

    private static List<UploadBatch> Deserialize(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var batches = new List<UploadBatch>();
        while (stream.Position < stream.Length)
        {
            batches.Add(UploadBatch.Parser.ParseDelimitedFrom(stream));
        }
        return batches;
    }
}
