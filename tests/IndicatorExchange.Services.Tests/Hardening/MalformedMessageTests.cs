using Google.Protobuf;
using Grpc.Core;
using IndicatorExchange.Contracts.Indicator.V1;
using Microsoft.Extensions.Logging;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.Hardening;

/// <summary>Bytes that are not a message of the method's type are INVALID_ARGUMENT, logged at Warning (issue 21, item 6).</summary>
public sealed class MalformedMessageTests(HardeningSuiteFactory suite) : IClassFixture<HardeningSuiteFactory>
{
    private const string Service = "indicatorexchange.indicator.v1.IndicatorService";

    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    public static TheoryData<string, byte[]> Bodies()
    {
        var valid = Batch("654025", "2023", Figure("GDP", "1", "亿元")).ToByteArray();
        return new()
        {
            { "garbage", [0xFF, 0xFF, 0xFF, 0xFF, 0x0F] },
            { "truncated", valid[..^3] },
            // Field 2 (org_unit), length 2, bytes C3 28: not UTF-8.
            { "invalid UTF-8", [0x12, 0x02, 0xC3, 0x28] },
            // Field 4 (figures), a length beyond the end.
            { "length beyond the end", [0x22, 0x7F, 0x0A] },
        };
    }

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task A_unary_request_that_cannot_be_parsed_is_invalid_argument_logged_as_a_warning(string what, byte[] body)
    {
        var method = new Method<byte[], byte[]>(MethodType.Unary, Service, "SubmitFigures", Raw, Raw);
        var invoker = suite.CreateChannel().CreateCallInvoker();

        var error = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(method, null, new CallOptions(), body).ResponseAsync);

        Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"{what}: {error.Status}");
        Assert.Equal("MALFORMED_MESSAGE", Reason(error));
        Assert.Contains("could not be parsed", error.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(suite.Logs, l => l.Level == LogLevel.Warning && l.Category.Contains("MalformedMessageGuard", StringComparison.Ordinal));
        Assert.DoesNotContain(suite.Logs, l => l.Level >= LogLevel.Error);
        Assert.Empty(await Figures.ListAllAsync(new IndicatorService.IndicatorServiceClient(suite.CreateChannel())));
    }

    [Fact]
    public async Task An_upload_message_that_cannot_be_parsed_is_invalid_argument_not_internal()
    {
        var method = new Method<byte[], byte[]>(MethodType.ClientStreaming, Service, "UploadFigures", Raw, Raw);
        var invoker = suite.CreateChannel().CreateCallInvoker();

        using var call = invoker.AsyncClientStreamingCall(method, null, new CallOptions());
        await call.RequestStream.WriteAsync(new UploadFiguresRequest { Header = new UploadHeader { RequestId = "garbled" } }.ToByteArray());
        await call.RequestStream.WriteAsync([0x12, 0x7F, 0x0A]);
        await call.RequestStream.CompleteAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal("MALFORMED_MESSAGE", Reason(error));
        Assert.DoesNotContain(suite.Logs, l => l.Level >= LogLevel.Error);
    }
}
