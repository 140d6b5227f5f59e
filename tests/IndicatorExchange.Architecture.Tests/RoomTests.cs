using ArchUnitNET.Domain;
using static IndicatorExchange.Architecture.Tests.ProductionCode;

namespace IndicatorExchange.Architecture.Tests;

/// <summary>The rules of docs/architecture.md ("Rooms and who may enter them", "Inside a service"), on the compiled code.</summary>
public sealed class RoomTests
{
    /// <summary>The modules the host composes: each a service with its own storage; none may use another.</summary>
    private static readonly string[] Modules =
    [
        "IndicatorExchange.Indicator", "IndicatorExchange.Target", "IndicatorExchange.Aggregation", "IndicatorExchange.Access",
    ];

    private static readonly string[] DataAccessNamespaces = ["Microsoft.Data.Sqlite", "SQLitePCL", "Dapper", "Npgsql"];

    [Fact]
    public void Every_production_project_is_loaded_with_its_types()
    {
        Assert.Contains("IndicatorExchange.Domain", ProjectNames);
        Assert.Contains("IndicatorExchange.Host", ProjectNames);
        Assert.All(ProjectNames, project => Assert.True(TypesOf(project).Any(), $"{project}: no types loaded"));
    }

    [Fact]
    public void The_domain_uses_nothing_of_AspNet_gRPC_data_access_or_files()
    {
        string[] forbidden =
        [
            "Microsoft.AspNetCore", "Microsoft.Extensions", "Grpc", "Google.Protobuf", "System.Data", "System.Net",
            .. DataAccessNamespaces,
        ];
        string[] fileTypes = ["System.IO.File", "System.IO.FileInfo", "System.IO.Directory", "System.IO.DirectoryInfo", "System.IO.FileStream"];
        var violations = TypesOf("IndicatorExchange.Domain")
            .SelectMany(type => RealDependencies(type).Select(target => (Origin: type, Target: target)))
            .Where(d => forbidden.Any(n => InNamespace(d.Target, n)) || fileTypes.Contains(d.Target.FullName))
            .Select(d => $"{d.Origin.FullName} uses {d.Target.FullName}")
            .Distinct()
            .ToList();
        Assert.True(violations.Count == 0, "The domain must stay pure:" + Lines(violations));
    }

    [Fact]
    public void No_project_has_a_namespace_cycle()
    {
        var cycles = ProjectNames
            .SelectMany(project => NamespaceGraph.Of(TypesOf(project)).Cycles().Select(cycle => $"{project}: {cycle}"))
            .ToList();
        Assert.True(cycles.Count == 0, "Namespaces that use each other:" + Lines(cycles));
    }

    [Fact]
    public void No_module_references_another_module()
    {
        var violations = Modules.Where(ProjectNames.Contains)
            .SelectMany(module => System.Reflection.Assembly.Load(Named(module).AssemblyName).GetReferencedAssemblies()
                .Where(reference => reference.Name != module && Modules.Contains(reference.Name))
                .Select(reference => $"{module} references {reference.Name}"))
            .ToList();
        Assert.True(violations.Count == 0, "Modules talk through the contracts, never each other's code:" + Lines(violations));
    }

    /// <summary>
    /// The host composes: from a module or library of the suite it may use only that project's entry points, the public
    /// types in the project's root namespace (such as <c>IndicatorServiceExtensions</c>); the cross-cutting defaults
    /// (ServiceDefaults: hosting, security, limits) and the contracts are the host's to use.
    /// </summary>
    [Fact]
    public void The_host_uses_only_the_entry_points_of_other_projects()
    {
        var violations = TypesOf("IndicatorExchange.Host")
            .SelectMany(type => RealDependencies(type).Select(target => (Origin: type, Target: target)))
            .Where(d => ProjectOf(d.Target) is { } project
                && project.Name is not ("IndicatorExchange.Host" or "IndicatorExchange.Contracts" or "IndicatorExchange.ServiceDefaults")
                && d.Target.Namespace.FullName != project.RootNamespace)
            .Select(d => $"{d.Origin.FullName} uses {d.Target.FullName}")
            .Distinct()
            .ToList();
        Assert.True(violations.Count == 0, "The host reaches inside a project:" + Lines(violations));
    }

    /// <summary>In services/, only a storage engine (a namespace or project named for its engine) may use a database driver or Dapper.</summary>
    [Fact]
    public void Only_storage_engines_use_database_drivers()
    {
        var violations = ServiceSide
            .SelectMany(TypesOf)
            .Where(type => !IsStorageEngine(type))
            .SelectMany(type => RealDependencies(type)
                .Where(target => DataAccessNamespaces.Any(n => InNamespace(target, n)))
                .Select(target => $"{type.FullName} uses {target.FullName}"))
            .Distinct()
            .ToList();
        Assert.True(violations.Count == 0, "Data access outside a storage engine:" + Lines(violations));
    }

    /// <summary>The types a type uses; generic parameters (a method's <c>T</c>) and types without a namespace are no room.</summary>
    private static IEnumerable<IType> RealDependencies(IType type) =>
        type.Dependencies.Select(d => d.Target).Where(NamespaceGraph.IsRoom);

    private static bool IsStorageEngine(IType type) =>
        type.Namespace.FullName.Split('.') is var segments && (segments.Contains("Sqlite") || segments.Contains("Postgres"));

    private static bool InNamespace(IType type, string prefix) =>
        type.Namespace.FullName == prefix || type.Namespace.FullName.StartsWith(prefix + ".", StringComparison.Ordinal);

    private static string Lines(IEnumerable<string> lines) => Environment.NewLine + string.Join(Environment.NewLine, lines);
}
