using System.Text.RegularExpressions;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace IndicatorExchange.Architecture.Tests;

/// <summary>A production project: its name (the .csproj's), its assembly and its root namespace.</summary>
public sealed record Project(string Name, string AssemblyName, string RootNamespace, string Folder);

/// <summary>
/// Every production project of the repository (each <c>services/*/*.csproj</c> and <c>clients/*/*.csproj</c>), loaded once
/// by ArchUnitNET. The list comes from the repository, so a new project is checked as soon as it exists.
/// </summary>
public static partial class ProductionCode
{
    public static readonly IReadOnlyList<Project> Projects = FindProjects();

    public static IEnumerable<string> ProjectNames => Projects.Select(p => p.Name);

    /// <summary>The projects under <c>services/</c>: the services, their shared libraries and the host.</summary>
    public static IEnumerable<string> ServiceSide => Projects.Where(p => p.Folder == "services").Select(p => p.Name);

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Loaded = new(() =>
        new ArchLoader().LoadAssemblies(Projects.Select(LoadAssembly).ToArray()).Build());

    public static ArchUnitNET.Domain.Architecture Architecture => Loaded.Value;

    public static Project Named(string name) => Projects.Single(p => p.Name == name);

    /// <summary>The types of one project (its assembly).</summary>
    public static IEnumerable<IType> TypesOf(string project) =>
        Named(project).AssemblyName is var assembly
            ? Architecture.Types.Where(t => AssemblyNameOf(t) == assembly)
            : [];

    /// <summary>The production project a type belongs to, or null for a type of the framework or a package.</summary>
    public static Project? ProjectOf(IType type) => Projects.FirstOrDefault(p => p.AssemblyName == AssemblyNameOf(type));

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "IndicatorExchange.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No IndicatorExchange.sln above {AppContext.BaseDirectory}: run the tests from the repository.");
    }

    private static string AssemblyNameOf(IType type) => type.Assembly.Name.Split(',')[0];

    private static IReadOnlyList<Project> FindProjects() =>
        new[] { "services", "clients" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), folder), "*.csproj", SearchOption.AllDirectories)
                .Select(file => Read(file, folder)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToList();

    private static Project Read(string file, string folder)
    {
        var name = Path.GetFileNameWithoutExtension(file);
        var text = File.ReadAllText(file);
        string Property(string property) => Regex.Match(text, $"<{property}>([^<]+)</{property}>") is { Success: true } m ? m.Groups[1].Value : name;
        return new Project(name, Property("AssemblyName"), Property("RootNamespace"), folder);
    }

    private static System.Reflection.Assembly LoadAssembly(Project project)
    {
        try
        {
            return System.Reflection.Assembly.Load(project.AssemblyName);
        }
        catch (FileNotFoundException exception)
        {
            throw new InvalidOperationException(
                $"{project.Name} is a production project but the architecture tests do not reference it: add it to IndicatorExchange.Architecture.Tests.csproj.",
                exception);
        }
    }
}
