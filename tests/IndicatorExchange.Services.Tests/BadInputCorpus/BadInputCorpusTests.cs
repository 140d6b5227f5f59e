using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using IndicatorExchange.Contracts.Access.V1;
using IndicatorExchange.Contracts.Aggregation.V1;
using IndicatorExchange.Contracts.Indicator.V1;
using IndicatorExchange.Contracts.Target.V1;
using static IndicatorExchange.Services.Tests.Grpc;

namespace IndicatorExchange.Services.Tests.BadInputCorpus;

/// <summary>
/// The bad-input corpus of issue 21: every case of <c>cases.json</c> is sent to one suite, and must be refused with its
/// status code and field path, write nothing (figures, revisions, targets, catalog, tree, periods unchanged), and
/// leave the suite answering health.
/// </summary>
public sealed class BadInputCorpusTests(CorpusSuiteFactory suite) : IClassFixture<CorpusSuiteFactory>
{
    public static TheoryData<string> CaseNames() => new(CorpusCase.Cases.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void The_corpus_holds_at_least_150_distinct_cases_across_every_service()
    {
        var cases = CorpusCase.Cases.Values.ToList();

        Assert.True(cases.Count >= 150, $"{cases.Count} cases");
        Assert.Equal(["AccessService", "AggregationService", "IndicatorService", "TargetService"],
            cases.Select(c => c.Rpc.Split('/')[0]).Distinct().Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task A_malformed_request_is_refused_precisely_and_changes_nothing(string name)
    {
        var corpusCase = CorpusCase.Cases[name];
        await suite.SeedAsync();
        var before = await suite.FingerprintAsync();

        var error = await CorpusCall.RefusedAsync(corpusCase, suite);

        Assert.True(error is not null, $"{name}: the call succeeded");
        var expected = System.Enum.Parse<StatusCode>(corpusCase.Code.Replace("_", "", StringComparison.Ordinal), ignoreCase: true);
        Assert.True(error.StatusCode == expected, $"{name}: expected {corpusCase.Code}, got {error.StatusCode}: {error.Status.Detail}");
        var violations = Violations(error);
        if (corpusCase.Field is { } field)
        {
            Assert.True(violations.Count > 0 && violations[0].Field == field,
                $"{name}: expected the field {field}, got [{string.Join(", ", violations)}] ({error.Status.Detail})");
        }
        if (corpusCase.Reason is { } reason)
        {
            var actual = corpusCase.Field is null ? Reason(error) : violations[0].Reason;
            Assert.True(actual == reason, $"{name}: expected the reason {reason}, got {actual} ({error.Status.Detail})");
        }
        Assert.NotEqual(StatusCode.Internal, error.StatusCode);
        Assert.NotEqual(StatusCode.Unknown, error.StatusCode);
        Assert.Equal(before, await suite.FingerprintAsync());
        Assert.Equal(global::Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, await suite.HealthAsync());
    }
}

/// <summary>Sends a corpus case as raw bytes through a generic method, whatever its RPC and kind.</summary>
internal static class CorpusCall
{
    private static readonly Marshaller<byte[]> Raw = Marshallers.Create(bytes => bytes, bytes => bytes);

    private static readonly IReadOnlyDictionary<string, ServiceDescriptor> Services = new[]
    {
        IndicatorService.Descriptor, AggregationService.Descriptor, TargetService.Descriptor, AccessService.Descriptor,
    }.ToDictionary(s => s.Name, StringComparer.Ordinal);

    public static async Task<RpcException?> RefusedAsync(CorpusCase corpusCase, CorpusSuiteFactory suite)
    {
        var parts = corpusCase.Rpc.Split('/');
        var descriptor = Services[parts[0]].FindMethodByName(parts[1]) ?? throw new InvalidDataException($"{corpusCase.Name}: no RPC {corpusCase.Rpc}");
        var kind = descriptor.IsClientStreaming ? MethodType.ClientStreaming : descriptor.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary;
        var method = new Method<byte[], byte[]>(kind, descriptor.Service.FullName, descriptor.Name, Raw, Raw);
        var invoker = suite.ChannelFor(corpusCase.Token).CreateCallInvoker();
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(20));
        var messages = corpusCase.Stream is { } stream
            ? stream.Select(m => Build(corpusCase, descriptor.InputType, m.GetRawText())).ToList()
            : [Build(corpusCase, descriptor.InputType, corpusCase.Request?.GetRawText())];
        try
        {
            switch (kind)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(method, null, options, messages[0]).ResponseAsync;
                    return null;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(method, null, options, messages[0]))
                    {
                        // A refused stream fails on its first read; an accepted one sends its first message.
                        await call.ResponseStream.MoveNext(CancellationToken.None);
                        return null;
                    }
                default:
                    using (var call = invoker.AsyncClientStreamingCall(method, null, options))
                    {
                        try
                        {
                            foreach (var message in messages)
                            {
                                await call.RequestStream.WriteAsync(message);
                            }
                            await call.RequestStream.CompleteAsync();
                        }
                        catch (RpcException)
                        {
                            // Refused before the stream ended: the answer says why.
                        }
                        await call.ResponseAsync;
                        return null;
                    }
            }
        }
        catch (RpcException exception)
        {
            return exception;
        }
    }

    private static byte[] Build(CorpusCase corpusCase, MessageDescriptor type, string? json)
    {
        if (corpusCase.Raw is { } hex)
        {
            return Convert.FromHexString(hex);
        }
        var message = JsonParser.Default.Parse(json ?? "{}", type);
        foreach (var (field, value) in corpusCase.Timestamps ?? [])
        {
            Field(message, field, out var target).Accessor.SetValue(target, new Timestamp { Seconds = value[0], Nanos = (int)value[1] });
        }
        foreach (var (field, value) in corpusCase.Durations ?? [])
        {
            Field(message, field, out var target).Accessor.SetValue(target, new Duration { Seconds = value[0], Nanos = (int)value[1] });
        }
        foreach (var (path, value) in corpusCase.Repeat ?? [])
        {
            var text = string.Concat(Enumerable.Repeat(value[0].GetString(), value[1].GetInt32()));
            var descriptor = Field(message, path, out var target);
            if (descriptor.IsRepeated)
            {
                ((System.Collections.IList)descriptor.Accessor.GetValue(target)).Add(text);
            }
            else
            {
                descriptor.Accessor.SetValue(target, text);
            }
        }
        foreach (var (path, count) in corpusCase.Copies ?? [])
        {
            var list = (System.Collections.IList)Field(message, path, out var target).Accessor.GetValue(target);
            var first = (IMessage)list[0]!;
            while (list.Count < count)
            {
                list.Add(first.Descriptor.Parser.ParseFrom(first.ToByteArray()));
            }
        }
        foreach (var (path, value) in corpusCase.Fill ?? [])
        {
            var list = (System.Collections.IList)Field(message, path, out var target).Accessor.GetValue(target);
            for (var i = 0; i < value[1].GetInt32(); i++)
            {
                list.Add(value[0].GetString() + i.ToString(CultureInfo.InvariantCulture));
            }
        }
        return message.ToByteArray();
    }

    /// <summary>The field at a dotted path ("figures.0.note", "header.request_id"), and the message holding it.</summary>
    private static FieldDescriptor Field(IMessage root, string path, out IMessage holder)
    {
        holder = root;
        var names = path.Split('.');
        for (var i = 0; i < names.Length - 1; i++)
        {
            var field = holder.Descriptor.FindFieldByName(names[i]) ?? throw new InvalidDataException($"no field {names[i]} in {path}");
            var value = field.Accessor.GetValue(holder);
            if (field.IsRepeated)
            {
                holder = (IMessage)((System.Collections.IList)value)[int.Parse(names[++i], CultureInfo.InvariantCulture)]!;
            }
            else
            {
                if (value is null)
                {
                    value = field.MessageType.Parser.ParseFrom(ByteString.Empty);
                    field.Accessor.SetValue(holder, value);
                }
                holder = (IMessage)value;
            }
        }
        return holder.Descriptor.FindFieldByName(names[^1]) ?? throw new InvalidDataException($"no field {names[^1]} in {path}");
    }
}
