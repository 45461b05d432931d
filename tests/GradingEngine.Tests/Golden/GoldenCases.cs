using GradingEngine.Grading;
using GradingEngine.Grading.Cases;

namespace GradingEngine.Tests.Golden;

/// <summary>Finds the repository, loads the shipped schemes and reads the golden case files (with the library's <see cref="SchemeCaseFile"/>).</summary>
internal static class GoldenCases
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly Lazy<SchemeCatalogue> LoadedCatalogue = new(() => SchemeCatalogue.LoadFolder(SchemesFolder));

    /// <summary>The folder holding <c>GradingEngine.sln</c>.</summary>
    public static string RepositoryRoot => Root.Value;

    /// <summary>The shipped schemes: <c>schemes/</c>.</summary>
    public static string SchemesFolder => Path.Combine(RepositoryRoot, "schemes");

    /// <summary>The golden cases: <c>schemes/cases/</c>.</summary>
    public static string CasesFolder => Path.Combine(SchemesFolder, "cases");

    /// <summary>Every shipped scheme, loaded together the way the product loads them.</summary>
    public static SchemeCatalogue Catalogue => LoadedCatalogue.Value;

    /// <summary>Every <c>*.cases.json</c> file, in file-name order.</summary>
    public static IReadOnlyList<string> CaseFilePaths() =>
        Directory.GetFiles(CasesFolder, "*.cases.json").Order(StringComparer.Ordinal).ToList();

    /// <summary>Reads one case file; a malformed file throws <see cref="SchemeCaseFileException"/> with every problem, positioned.</summary>
    public static SchemeCaseFile Read(string path) => SchemeCaseFile.Read(path);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GradingEngine.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException(
            $"GradingEngine.sln not found above {TestContext.CurrentContext.TestDirectory}: the golden cases need the repository.");
    }
}
