using System.Text.Json;
using System.Text.Json.Serialization;

namespace IndicatorExchange.Services.Tests.BadInputCorpus;

/// <summary>
/// One malformed request of <c>cases.json</c>: the RPC, how the call is authenticated, the request (protobuf JSON, or
/// raw bytes in hex, with fields JSON cannot spell set afterwards), and the refusal expected.
/// </summary>
public sealed record CorpusCase
{
    /// <summary>Unique name, the theory's case label.</summary>
    [JsonPropertyName("name")] public required string Name { get; init; }

    /// <summary>"Service/Method", the service by its short name: "IndicatorService/SubmitFigures".</summary>
    [JsonPropertyName("rpc")] public required string Rpc { get; init; }

    /// <summary>
    /// The caller: absent for the suite's default test token (a role the method admits, scoped to the root); "none";
    /// "garbage"; "expired"; "huge" (100 KB); "role:ORG" for a token of that role and org unit ("county_reporter:654025").
    /// </summary>
    [JsonPropertyName("token")] public string? Token { get; init; }

    /// <summary>The request in protobuf JSON (for a client stream: the first message).</summary>
    [JsonPropertyName("request")] public JsonElement? Request { get; init; }

    /// <summary>For a client stream (UploadFigures): every message, in protobuf JSON.</summary>
    [JsonPropertyName("stream")] public JsonElement[]? Stream { get; init; }

    /// <summary>The request's bytes in hex instead of JSON: what no well-behaved client sends.</summary>
    [JsonPropertyName("raw")] public string? Raw { get; init; }

    /// <summary>Timestamp fields set after parsing (JSON cannot spell impossible ones): field name → [seconds, nanos].</summary>
    [JsonPropertyName("timestamps")] public Dictionary<string, long[]>? Timestamps { get; init; }

    /// <summary>Duration fields set after parsing: field name → [seconds, nanos].</summary>
    [JsonPropertyName("durations")] public Dictionary<string, long[]>? Durations { get; init; }

    /// <summary>Strings repeated to a size after parsing: dotted path ("figures.0.note") → [text, times].</summary>
    [JsonPropertyName("repeat")] public Dictionary<string, JsonElement[]>? Repeat { get; init; }

    /// <summary>Repeated message fields whose first element is copied to a count after parsing: "figures" → 10001.</summary>
    [JsonPropertyName("clone")] public Dictionary<string, int>? Copies { get; init; }

    /// <summary>Repeated string fields filled after parsing with numbered items: "indicators" → ["NO_SUCH_", 10000].</summary>
    [JsonPropertyName("fill")] public Dictionary<string, JsonElement[]>? Fill { get; init; }

    /// <summary>The status code expected, canonical name: "INVALID_ARGUMENT".</summary>
    [JsonPropertyName("code")] public required string Code { get; init; }

    /// <summary>The field path of the first violation expected; absent when the error carries none (NOT_FOUND, UNAUTHENTICATED).</summary>
    [JsonPropertyName("field")] public string? Field { get; init; }

    /// <summary>The reason expected (of the first violation, or of the ErrorInfo when there is no field).</summary>
    [JsonPropertyName("reason")] public string? Reason { get; init; }

    public override string ToString() => Name;

    private static readonly Lazy<IReadOnlyDictionary<string, CorpusCase>> All = new(() =>
    {
        var path = Path.Combine(AppContext.BaseDirectory, "BadInputCorpus", "cases.json");
        var cases = JsonSerializer.Deserialize<List<CorpusCase>>(File.ReadAllText(path))
            ?? throw new InvalidDataException($"{path} holds no cases.");
        var byName = new Dictionary<string, CorpusCase>(StringComparer.Ordinal);
        foreach (var item in cases)
        {
            if (!byName.TryAdd(item.Name, item))
            {
                throw new InvalidDataException($"{path}: the case name '{item.Name}' appears twice.");
            }
        }
        return byName;
    });

    public static IReadOnlyDictionary<string, CorpusCase> Cases => All.Value;
}
