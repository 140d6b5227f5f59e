using System.Reflection;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;

namespace IndicatorExchange.Architecture.Tests;

/// <summary>
/// Every production project of the repository (each <c>services/*/*.csproj</c> and <c>clients/*/*.csproj</c>), loaded once
/// by ArchUnitNET. The list comes from the repository, so a new project is checked as soon as it exists.
/// </summary>
public static class ProductionCode
{
    public static readonly IReadOnlyList<string> ProjectNames = FindProjects("services", "clients");

    /// <summary>The projects under <c>services/</c>: the services, their shared libraries and the host.</summary>
    public static readonly IReadOnlyList<string> ServiceSide = FindProjects("services");

    private static readonly Lazy<ArchUnitNET.Domain.Architecture> Loaded = new(() =>
        new ArchLoader().LoadAssemblies(ProjectNames.Select(LoadAssembly).ToArray()).Build());

    public static ArchUnitNET.Domain.Architecture Architecture => Loaded.Value;

    /// <summary>The production types of one project (its assembly), without compiler-generated ones.</summary>
    public static IEnumerable<IType> TypesOf(string project) =>
        Architecture.Types.Where(t => t.Assembly.Name.StartsWith(project + ",", StringComparison.Ordinal) || t.Assembly.Name == project);

    public static string ProjectOf(IType type) => type.Assembly.Name.Split(',')[0];

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

    private static IReadOnlyList<string> FindProjects(params string[] folders) =>
        folders
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot(), folder), "*.csproj", SearchOption.AllDirectories))
            .Select(Path.GetFileNameWithoutExtension)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static Assembly LoadAssembly(string project)
    {
        try
        {
            return Assembly.Load(project);
        }
        catch (FileNotFoundException exception)
        {
            throw new InvalidOperationException(
                $"{project} is a production project but the architecture tests do not reference it: add it to IndicatorExchange.Architecture.Tests.csproj.",
                exception);
        }
    }
}
