namespace IndicatorExchange.ServiceDefaults.Security.Policies;

/// <summary>
/// Who may call one RPC. <see cref="OrgUnitsOf"/> names the org units a request (or each streamed request
/// message) acts on: <c>null</c> means the whole tree (an unfiltered list, a suite-wide period), an empty list
/// means none. Reporters and analysts must cover every named unit with their own subtree; administrators and
/// services are not scoped. <see cref="FilterResponse"/> trims each streamed response to the caller's scope
/// (returning null drops the message).
/// </summary>
public sealed record RpcPolicy
{
    public bool AllowAnonymous { get; init; }

    public IReadOnlySet<string> Roles { get; init; } = new HashSet<string>();

    /// <summary>A write: recorded in the audit trail, whatever its outcome.</summary>
    public bool IsWrite { get; init; }

    /// <summary>Exempt from Limits:MaxUnaryDuration (a rebuild of every rollup).</summary>
    public bool LongRunning { get; init; }

    public Func<object, IReadOnlyList<string>?> OrgUnitsOf { get; init; } = _ => [];

    public Func<object, Func<string, bool>, object?>? FilterResponse { get; init; }

    /// <summary>No token needed (the gRPC health and reflection services).</summary>
    public static RpcPolicy Anonymous { get; } = new() { AllowAnonymous = true };

    /// <summary>Any valid token, whatever its role and scope (the catalog, the org units, the periods).</summary>
    public static RpcPolicy AnyCaller { get; } = Read(Identity.Roles.All.ToArray());

    public static RpcPolicy Read(params string[] roles) => new() { Roles = roles.ToHashSet() };

    public static RpcPolicy Write(params string[] roles) => new() { Roles = roles.ToHashSet(), IsWrite = true };

    /// <summary>The org units a request of type <typeparamref name="TRequest"/> acts on (null: the whole tree).</summary>
    public RpcPolicy ScopedBy<TRequest>(Func<TRequest, IReadOnlyList<string>?> orgUnits) =>
        this with { OrgUnitsOf = request => request is TRequest typed ? orgUnits(typed) : [] };

    /// <summary>Acts on the whole tree: only unscoped callers and those whose subtree is the whole tree.</summary>
    public RpcPolicy WholeTree() => this with { OrgUnitsOf = _ => null };

    /// <summary>Keeps of each streamed response only what lies in the caller's scope.</summary>
    public RpcPolicy FilteredBy<TResponse>(Func<TResponse, Func<string, bool>, TResponse?> filter) where TResponse : class =>
        this with { FilterResponse = (response, inScope) => response is TResponse typed ? filter(typed, inScope) : response };

    /// <summary>For a request field that filters by org unit, empty meaning "every unit".</summary>
    public static IReadOnlyList<string>? UnitOrWholeTree(string orgUnit) => orgUnit.Length == 0 ? null : [orgUnit];
}
