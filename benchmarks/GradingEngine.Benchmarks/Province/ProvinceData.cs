using GradingEngine.Samples;
using GradingEngine.Grading;

namespace GradingEngine.Benchmarks.Province;

/// <summary>
/// Sample provinces for the whole-pipeline benchmarks, generated once into a cache folder outside the repository
/// (<c>GRADING_BENCHMARK_CACHE</c>, else <c>~/.cache/grading-engine-benchmarks</c>) and reused by later runs.
/// </summary>
internal static class ProvinceData
{
    public const int Seed = 2026;

    private static readonly string[] InputFiles = ["organisations.csv", "teams.csv", "members.csv"];

    public static string CacheRoot =>
        Environment.GetEnvironmentVariable("GRADING_BENCHMARK_CACHE") is { Length: > 0 } folder
            ? folder
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "grading-engine-benchmarks");

    /// <summary>The shipped schemes, copied next to the benchmarks by the project file.</summary>
    public static SchemeCatalogue Schemes { get; } = ShippedSchemes.Load();

    public static GradingScheme Organisation => Schemes["org-sanfenlei"];

    /// <summary>The folder of a province of <paramref name="organisations"/> organisations, generated if missing.</summary>
    public static string Folder(int organisations)
    {
        var folder = Path.Combine(CacheRoot, $"province-{organisations}-seed{Seed}");
        var done = Path.Combine(folder, ".complete");
        if (!File.Exists(done))
        {
            Console.Error.WriteLine($"Generating a sample province of {organisations:N0} organisations into {folder} (once) …");
            SampleProvince.Write(folder, Organisation, new SampleProvinceOptions { Organisations = organisations, Seed = Seed });
            File.WriteAllText(done, DateTime.UtcNow.ToString("O"));
        }

        return folder;
    }

    /// <summary>Data rows of the province's three input files.</summary>
    public static long Rows(string folder) =>
        InputFiles.Sum(f => File.ReadLines(Path.Combine(folder, f)).LongCount() - 1);
}
