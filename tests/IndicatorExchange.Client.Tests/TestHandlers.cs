using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using IndicatorExchange.Contracts.Indicator.V1;
using ReferenceOnlySuiteFactory = IndicatorExchange.Services.Tests.ReferenceOnlySuiteFactory;

namespace IndicatorExchange.Client.Tests;

/// <summary>Client options routed to a suite on a TestServer, with fast retries, optionally through a test handler.</summary>
public static class Suite
{
    public static IndicatorExchangeClientOptions Options(ReferenceOnlySuiteFactory suite, Func<HttpMessageHandler, HttpMessageHandler>? wrap = null)
    {
        // Waits for SERVING once per suite (and creates the server).
        suite.CreateChannel().Dispose();
        var address = suite.Server.BaseAddress.ToString();
        return new IndicatorExchangeClientOptions
        {
            IndicatorAddress = address,
            TargetAddress = address,
            AggregationAddress = address,
            RetryInitialBackoff = TimeSpan.FromMilliseconds(10),
            RetryMaxBackoff = TimeSpan.FromMilliseconds(50),
            WatchReconnectDelay = TimeSpan.FromMilliseconds(20),
            WatchReconnectMaxDelay = TimeSpan.FromMilliseconds(200),
            HandlerFactory = () => wrap is null ? suite.Server.CreateHandler() : wrap(suite.Server.CreateHandler()),
            // A county reporter whose scope is the whole demo tree: writes figures, reads summaries and targets.
            BearerToken = suite.Issue("client-tests", IndicatorExchange.ServiceDefaults.Security.Identity.Roles.CountyReporter, IndicatorExchange.Services.Tests.SuiteFactory.RootOrgUnit),
        };
    }
}

/// <summary>An <see cref="IProgress{T}"/> that records reports at once, on the caller's thread.</summary>
public sealed class RecordingProgress : IProgress<int>
{
    private readonly ConcurrentQueue<int> _reports = new();

    public IReadOnlyList<int> Reports => [.. _reports];

    public void Report(int value) => _reports.Enqueue(value);
}

/// <summary>How a <see cref="FaultInjectingHandler"/> fails a request.</summary>
public enum Fault
{
    /// <summary>A trailers-only gRPC answer: HTTP 200, content-type application/grpc, grpc-status 14 (UNAVAILABLE).</summary>
    GrpcUnavailable,
    /// <summary>HTTP 503 Service Unavailable, as a proxy in front of a dead service answers.</summary>
    Http503,
    /// <summary>No answer at all: the connection failed (HttpRequestException).</summary>
    ConnectionFailure,
}

/// <summary>
/// Wraps the TestServer handler, counts every HTTP request (each gRPC attempt is one) with its headers, and fails
/// the next N requests (or all of them) the chosen way without passing them on.
/// </summary>
public sealed class FaultInjectingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int _failuresLeft;
    private int _attempts;

    public ConcurrentQueue<(string Path, HttpRequestHeaders Headers)> Requests { get; } = new();

    public Fault Fault { get; set; } = Fault.GrpcUnavailable;

    /// <summary>Fails every request while set.</summary>
    public bool FailAll { get; set; }

    /// <summary>Requests that reached this handler (failed ones included).</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Fails the next <paramref name="count"/> requests and resets the attempt count.</summary>
    public void FailNext(int count, Fault fault)
    {
        Fault = fault;
        Volatile.Write(ref _attempts, 0);
        Volatile.Write(ref _failuresLeft, count);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        Requests.Enqueue((request.RequestUri!.AbsolutePath, request.Headers));
        if (!FailAll && Interlocked.Decrement(ref _failuresLeft) < 0)
        {
            return base.SendAsync(request, cancellationToken);
        }
        switch (Fault)
        {
            case Fault.ConnectionFailure:
                // What SocketsHttpHandler throws when nothing listens on the port.
                throw new HttpRequestException(HttpRequestError.ConnectionError, "Injected: connection refused.",
                    new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused));
            case Fault.Http503:
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
                {
                    Version = HttpVersion.Version20,
                    RequestMessage = request,
                    Content = new ByteArrayContent([]),
                });
            default:
                var response = new HttpResponseMessage(HttpStatusCode.OK)
                {
                    Version = HttpVersion.Version20,
                    RequestMessage = request,
                    Content = new ByteArrayContent([]),
                };
                response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
                response.Headers.Add("grpc-status", "14");
                response.Headers.Add("grpc-message", "Injected: unavailable");
                return Task.FromResult(response);
        }
    }
}

/// <summary>
/// Wraps the TestServer handler and watches the server streams of one method: records the request of each call,
/// counts the messages each response delivered, and breaks the first response (an IOException, as a dropped
/// connection) once it has delivered <see cref="BreakAfterMessages"/> messages.
/// </summary>
public sealed class StreamBreakingHandler(HttpMessageHandler inner, string method) : DelegatingHandler(inner)
{
    private readonly ConcurrentQueue<FrameCountingStream> _streams = new();

    public int BreakAfterMessages { get; init; } = 1;

    /// <summary>The request bodies (one protobuf message each, without the gRPC frame) of the calls to the method.</summary>
    public ConcurrentQueue<byte[]> RequestBodies { get; } = new();

    /// <summary>Messages delivered by each response of the method so far, in call order.</summary>
    public IReadOnlyList<int> MessagesPerCall => [.. _streams.Select(s => s.Messages)];

    public WatchChangesRequest WatchChangesRequest(int call) => Contracts.Indicator.V1.WatchChangesRequest.Parser.ParseFrom(RequestBodies.ElementAt(call));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.RequestUri!.AbsolutePath.EndsWith("/" + method, StringComparison.Ordinal))
        {
            return await base.SendAsync(request, cancellationToken);
        }
        var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
        RequestBodies.Enqueue(body[5..]);
        var replacement = new ByteArrayContent(body);
        foreach (var header in request.Content.Headers)
        {
            replacement.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        request.Content = replacement;

        var response = await base.SendAsync(request, cancellationToken);
        var stream = new FrameCountingStream(await response.Content.ReadAsStreamAsync(cancellationToken), _streams.IsEmpty ? BreakAfterMessages : null);
        _streams.Enqueue(stream);
        var content = new StreamContent(stream);
        foreach (var header in response.Content.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        response.Content = content;
        return response;
    }
}

/// <summary>
/// Passes a gRPC response body through, never reading past the end of a message, counting the messages
/// (5-byte frame header: compressed flag, big-endian length); after <c>breakAfter</c> messages the next read throws.
/// </summary>
public sealed class FrameCountingStream(Stream inner, int? breakAfter) : Stream
{
    private readonly byte[] _header = new byte[5];
    private int _headerRead;
    private long _payloadLeft = -1;
    private int _messages;

    public int Messages => Volatile.Read(ref _messages);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (breakAfter is { } limit && Messages >= limit)
        {
            throw new IOException("Injected: the connection was reset.");
        }
        if (buffer.Length == 0)
        {
            return 0;
        }
        var inHeader = _payloadLeft < 0;
        var want = inHeader ? 5 - _headerRead : (int)Math.Min(_payloadLeft, buffer.Length);
        var read = await inner.ReadAsync(buffer[..Math.Min(want, buffer.Length)], cancellationToken);
        if (read == 0)
        {
            return 0;
        }
        if (inHeader)
        {
            buffer.Span[..read].CopyTo(_header.AsSpan(_headerRead));
            _headerRead += read;
            if (_headerRead == 5)
            {
                _payloadLeft = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(1));
                _headerRead = 0;
                if (_payloadLeft == 0)
                {
                    EndMessage();
                }
            }
        }
        else
        {
            _payloadLeft -= read;
            if (_payloadLeft == 0)
            {
                EndMessage();
            }
        }
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private void EndMessage()
    {
        _payloadLeft = -1;
        Interlocked.Increment(ref _messages);
    }
}
