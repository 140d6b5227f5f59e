using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using IndicatorExchange.ServiceDefaults.Security.Identity;
using IndicatorExchange.ServiceDefaults.Security.Policies;
using Microsoft.Extensions.DependencyInjection;

namespace IndicatorExchange.Services.Tests.Security;

/// <summary>
/// Every RPC of every service, called by every kind of caller, in and out of its scope, with the outcome this
/// table expects. The table is the specification, written apart from the services' policy code: an RPC added
/// to a proto without a row here fails <see cref="Every_rpc_of_the_contracts_has_a_row_and_a_server_policy"/>.
/// </summary>
public sealed class AccessMatrixTests(ReferenceOnlySuiteFactory suite) : IClassFixture<ReferenceOnlySuiteFactory>
{
    private enum Rule
    {
        /// <summary>Any valid token.</summary>
        AnyCaller,
        /// <summary>The listed roles; reporters and analysts only within their subtree.</summary>
        Scoped,
        /// <summary>The listed roles; acts on the whole tree, which no county or prefecture scope covers.</summary>
        WholeTree,
        /// <summary>The listed roles; streamed results are trimmed to the scope, the call itself is allowed.</summary>
        Filtered,
    }

    private const string County = "county";
    private const string Analyst = "analyst";
    private const string Admin = "admin";
    private const string Service = "service";
    private const string NoToken = "none";
    private static readonly string[] Readers = [County, Analyst, Admin, Service];

    private static readonly Dictionary<string, (Rule Rule, string[] Roles)> Expected = new()
    {
        ["indicatorexchange.indicator.v1.IndicatorService/ListIndicators"] = (Rule.AnyCaller, Readers),
        ["indicatorexchange.indicator.v1.IndicatorService/GetIndicator"] = (Rule.AnyCaller, Readers),
        ["indicatorexchange.indicator.v1.IndicatorService/CreateIndicator"] = (Rule.Scoped, [Admin]),
        ["indicatorexchange.indicator.v1.IndicatorService/UpdateIndicator"] = (Rule.Scoped, [Admin]),
        ["indicatorexchange.indicator.v1.IndicatorService/ListOrgUnits"] = (Rule.AnyCaller, Readers),
        ["indicatorexchange.indicator.v1.IndicatorService/GetOrgUnit"] = (Rule.AnyCaller, Readers),
        ["indicatorexchange.indicator.v1.IndicatorService/CreateOrgUnit"] = (Rule.Scoped, [Admin]),
        ["indicatorexchange.indicator.v1.IndicatorService/UpdateOrgUnit"] = (Rule.Scoped, [Admin]),
        ["indicatorexchange.indicator.v1.IndicatorService/ListPeriods"] = (Rule.AnyCaller, Readers),
        ["indicatorexchange.indicator.v1.IndicatorService/OpenPeriod"] = (Rule.WholeTree, [Analyst, Admin]),
        ["indicatorexchange.indicator.v1.IndicatorService/ClosePeriod"] = (Rule.WholeTree, [Analyst, Admin]),
        ["indicatorexchange.indicator.v1.IndicatorService/SubmitFigures"] = (Rule.Scoped, [County]),
        ["indicatorexchange.indicator.v1.IndicatorService/UploadFigures"] = (Rule.Scoped, [County]),
        ["indicatorexchange.indicator.v1.IndicatorService/ListFigures"] = (Rule.Scoped, Readers),
        ["indicatorexchange.indicator.v1.IndicatorService/GetFigureHistory"] = (Rule.Scoped, Readers),
        ["indicatorexchange.indicator.v1.IndicatorService/ListFigureRevisions"] = (Rule.Scoped, Readers),
        ["indicatorexchange.indicator.v1.IndicatorService/WatchChanges"] = (Rule.Filtered, Readers),
        ["indicatorexchange.target.v1.TargetService/SetTargets"] = (Rule.Scoped, [Analyst, Admin]),
        ["indicatorexchange.target.v1.TargetService/ListTargets"] = (Rule.Scoped, Readers),
        ["indicatorexchange.target.v1.TargetService/GetTargetHistory"] = (Rule.Scoped, Readers),
        ["indicatorexchange.target.v1.TargetService/WatchTargets"] = (Rule.Filtered, Readers),
        ["indicatorexchange.aggregation.v1.AggregationService/GetSummary"] = (Rule.Scoped, Readers),
        ["indicatorexchange.aggregation.v1.AggregationService/WatchSummary"] = (Rule.Scoped, Readers),
        ["indicatorexchange.aggregation.v1.AggregationService/ListSeries"] = (Rule.Scoped, Readers),
        ["indicatorexchange.aggregation.v1.AggregationService/RebuildRollups"] = (Rule.Scoped, [Admin]),
        ["indicatorexchange.access.v1.AccessService/IssueToken"] = (Rule.Scoped, [Admin]),
        ["indicatorexchange.access.v1.AccessService/ListAuditRecords"] = (Rule.Scoped, [Admin]),
        ["indicatorexchange.access.v1.AccessService/GetCaller"] = (Rule.AnyCaller, Readers),
    };

    /// <summary>Each caller's token and the org units in and out of its scope.</summary>
    private static readonly Dictionary<string, (string Role, string OrgUnit, string InScope, string OutOfScope)> Callers = new()
    {
        [County] = (Roles.CountyReporter, "654025", "654025", "654002"),
        [Analyst] = (Roles.PrefectureAnalyst, "654000", "654025", "650000"),
        [Admin] = (Roles.Administrator, "650000", "654025", "654002"),
        [Service] = (Roles.Service, "", "654025", "654002"),
        [NoToken] = ("", "", "654025", "654002"),
    };

    public static IEnumerable<object[]> Cases() =>
        from method in AllRpcs().Select(m => $"{m.Service.FullName}/{m.Name}").Order()
        from caller in Callers.Keys
        from inScope in new[] { true, false }
        select new object[] { method, caller, inScope };

    [Fact]
    public void Every_rpc_of_the_contracts_has_a_row_and_a_server_policy()
    {
        var registry = suite.Services.GetRequiredService<RpcPolicyRegistry>();
        var rpcs = AllRpcs().Select(m => $"{m.Service.FullName}/{m.Name}").ToList();

        var withoutRow = rpcs.Where(rpc => !Expected.ContainsKey(rpc)).ToList();
        var rowsWithoutRpc = Expected.Keys.Where(row => !rpcs.Contains(row)).ToList();
        var withoutPolicy = rpcs.Where(rpc => registry.Find("/" + rpc) is null).ToList();

        Assert.True(withoutRow.Count == 0, $"RPCs without a row in the access matrix: {string.Join(", ", withoutRow)}");
        Assert.True(rowsWithoutRpc.Count == 0, $"Rows for RPCs that do not exist: {string.Join(", ", rowsWithoutRpc)}");
        Assert.True(withoutPolicy.Count == 0, $"RPCs the server has no policy for: {string.Join(", ", withoutPolicy)}");
        Assert.Equal(28, rpcs.Count);
        Assert.Null(registry.Find("/indicatorexchange.indicator.v1.IndicatorService/NotAnRpc"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Caller_gets_the_expected_outcome(string rpc, string caller, bool inScope)
    {
        var (rule, roles) = Expected[rpc];
        var (role, orgUnit, inScopeUnit, outOfScopeUnit) = Callers[caller];
        var target = inScope ? inScopeUnit : outOfScopeUnit;
        var token = caller == NoToken ? null : suite.Issue($"matrix-{caller}", role, orgUnit);

        var status = await CallAsync(suite.CreateChannel(token), Method(rpc), target);

        var allowed = caller != NoToken && roles.Contains(caller) && rule switch
        {
            Rule.Scoped => inScope || caller is Admin or Service,
            Rule.WholeTree => caller is Admin or Service,
            _ => true,
        };
        var expected = caller == NoToken ? "UNAUTHENTICATED" : allowed ? "not refused" : "PERMISSION_DENIED";
        var actual = status is StatusCode.Unauthenticated ? "UNAUTHENTICATED" : status is StatusCode.PermissionDenied ? "PERMISSION_DENIED" : "not refused";
        Assert.True(expected == actual, $"{rpc} by {caller} {(inScope ? "in" : "out of")} scope ({target}): expected {expected}, got {status}");
    }

    private static IEnumerable<MethodDescriptor> AllRpcs() =>
        typeof(Contracts.Access.V1.AccessService).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(Google.Protobuf.Reflection.ServiceDescriptor))
            .SelectMany(p => ((Google.Protobuf.Reflection.ServiceDescriptor)p!.GetValue(null)!).Methods);

    private static MethodDescriptor Method(string rpc) => AllRpcs().Single(m => $"{m.Service.FullName}/{m.Name}" == rpc);

    /// <summary>Calls any RPC with a request whose every org_unit field names <paramref name="orgUnit"/>; the status it ends with.</summary>
    private static async Task<StatusCode> CallAsync(global::Grpc.Net.Client.GrpcChannel channel, MethodDescriptor method, string orgUnit)
    {
        var grpcMethod = new Method<IMessage, IMessage>(
            method.IsClientStreaming ? MethodType.ClientStreaming : method.IsServerStreaming ? MethodType.ServerStreaming : MethodType.Unary,
            method.Service.FullName, method.Name,
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => method.InputType.Parser.ParseFrom(bytes)),
            Marshallers.Create<IMessage>(m => m.ToByteArray(), bytes => method.OutputType.Parser.ParseFrom(bytes)));
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(method.IsServerStreaming ? 1 : 30));
        var request = Filled(method.InputType, orgUnit);
        try
        {
            switch (grpcMethod.Type)
            {
                case MethodType.Unary:
                    await channel.CreateCallInvoker().AsyncUnaryCall(grpcMethod, null, options, request);
                    break;
                case MethodType.ServerStreaming:
                    using (var call = channel.CreateCallInvoker().AsyncServerStreamingCall(grpcMethod, null, options, request))
                    {
                        await call.ResponseStream.MoveNext(CancellationToken.None);
                    }
                    break;
                default:
                    using (var call = channel.CreateCallInvoker().AsyncClientStreamingCall(grpcMethod, null, options))
                    {
                        // An upload: a header first, then a batch naming the org unit.
                        var header = (IMessage)Activator.CreateInstance(method.InputType.ClrType)!;
                        var headerField = method.InputType.Oneofs[0].Fields[0];
                        headerField.Accessor.SetValue(header, Activator.CreateInstance(headerField.MessageType.ClrType));
                        try
                        {
                            await call.RequestStream.WriteAsync(header);
                            await call.RequestStream.WriteAsync(request);
                            await call.RequestStream.CompleteAsync();
                        }
                        catch (RpcException)
                        {
                            // The server may refuse at the header and end the call while the client still writes; the
                            // write then fails with CANCELLED, and the call's own status is in the response.
                        }
                        await call.ResponseAsync;
                    }
                    break;
            }
            return StatusCode.OK;
        }
        catch (RpcException exception)
        {
            return exception.StatusCode;
        }
    }

    /// <summary>A message of the type with every org_unit field, nested and repeated ones too, set to the code.</summary>
    private static IMessage Filled(MessageDescriptor type, string orgUnit, int depth = 0)
    {
        var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
        foreach (var field in type.Fields.InFieldNumberOrder())
        {
            if (field.Name == "org_unit" && field.FieldType == FieldType.String && !field.IsRepeated)
            {
                field.Accessor.SetValue(message, orgUnit);
            }
            else if (field.FieldType == FieldType.Message && depth < 3 && field.MessageType.File.Package.StartsWith("indicatorexchange.", StringComparison.Ordinal)
                     && !field.IsMap)
            {
                var child = Filled(field.MessageType, orgUnit, depth + 1);
                if (field.IsRepeated)
                {
                    ((System.Collections.IList)field.Accessor.GetValue(message)).Add(child);
                }
                else
                {
                    field.Accessor.SetValue(message, child);
                }
            }
        }
        return message;
    }
}
