using GradingEngine.Batch;
using GradingEngine.Samples;
using GradingEngine.Grading;
using GradingEngine.Tests.Golden;

namespace GradingEngine.Tests.Batch;

/// <summary>Sample provinces written once per test run into a temporary folder, and the folders results go to.</summary>
internal static class ProvinceFixture
{
    private static readonly Lazy<string> Root = new(() =>
    {
        var root = Path.Combine(Path.GetTempPath(), "grading-tests-" + Environment.ProcessId);
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
            }
        };
        return root;
    });

    private static readonly Dictionary<string, (string Folder, SampleProvinceInfo Info)> Provinces = [];
    private static readonly Lock Gate = new();

    public static GradingScheme Organisation => GoldenCases.Catalogue["org-sanfenlei"];

    public static ProvinceGrader Grader { get; } = new(GoldenCases.Catalogue["org-sanfenlei"]);

    /// <summary>A province written with the given options (cached by options).</summary>
    public static (string Folder, SampleProvinceInfo Info) Province(SampleProvinceOptions options, string? schemeId = null)
    {
        var key = $"{schemeId}|{options}";
        lock (Gate)
        {
            if (!Provinces.TryGetValue(key, out var province))
            {
                var folder = Path.Combine(Root.Value, "data-" + Provinces.Count);
                var info = SampleProvince.Write(folder, GoldenCases.Catalogue[schemeId ?? "org-sanfenlei"], options);
                Provinces[key] = province = (folder, info);
            }

            return province;
        }
    }

    /// <summary>A new empty folder for results.</summary>
    public static string NewOutputFolder()
    {
        var folder = Path.Combine(Root.Value, "out-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>A new folder holding a copy of every file of <paramref name="folder"/>, to be edited by a test.</summary>
    public static string CopyOf(string folder)
    {
        var copy = NewOutputFolder();
        foreach (var file in Directory.GetFiles(folder))
        {
            File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
        }

        return copy;
    }

    /// <summary>Every file of a folder and its bytes, by name.</summary>
    public static SortedDictionary<string, byte[]> Files(string folder) =>
        new(Directory.GetFiles(folder).Where(f => !IsStore(f)).ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);

    /// <summary>The results store the tool writes beside the result files (results.db and its WAL files), tested in Store/.</summary>
    public static bool IsStore(string file) => Path.GetFileName(file).StartsWith(GradingEngine.Store.ResultStore.DefaultFileName, StringComparison.Ordinal);
}

/// <summary>Province options shared by tests in different classes (so the fixture writes each province once).</summary>
internal sealed class SampleProvinceOptionsFor
{
    public SampleProvinceOptions Plain { get; } = new() { Organisations = 300, Seed = 11 };

    public SampleProvinceOptions Corrupt { get; } = new() { Organisations = 300, Seed = 12, CorruptRowsPerFile = 7 };
}
