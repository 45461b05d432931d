using GradingEngine.Batch;
using GradingEngine.Samples;

namespace GradingEngine.Tests.Batch;

/// <summary>
/// Two known complete result sets for commit tests: the "old" one (province A in CSV and JSON Lines) that a folder
/// holds before a run, and the "new" one (province B, CSV only) the run writes; and ways to copy folders.
/// </summary>
internal static class ResultSets
{
    private static readonly Lazy<SortedDictionary<string, byte[]>> OldFiles = new(() => Reference(OldData, ResultFormats.Csv | ResultFormats.JsonLines));
    private static readonly Lazy<SortedDictionary<string, byte[]>> NewFiles = new(() => Reference(NewData, ResultFormats.Csv));

    public static string OldData => ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 120, Seed = 21 }).Folder;

    public static string NewData => ProvinceFixture.Province(new SampleProvinceOptions { Organisations = 120, Seed = 22 }).Folder;

    /// <summary>The old complete set: every result name in both formats, province A.</summary>
    public static SortedDictionary<string, byte[]> Old => OldFiles.Value;

    /// <summary>The new complete set: CSV results only, province B.</summary>
    public static SortedDictionary<string, byte[]> New => NewFiles.Value;

    /// <summary>The results of <paramref name="data"/> in <paramref name="formats"/>, graded into a fresh folder.</summary>
    public static SortedDictionary<string, byte[]> Reference(string data, ResultFormats formats)
    {
        var folder = ProvinceFixture.NewOutputFolder();
        ProvinceFixture.Grader.Grade(ProvinceFiles.InFolder(data), folder, new BatchOptions { Threads = 2, Formats = formats });
        return ProvinceFixture.Files(folder);
    }

    /// <summary>A new results folder holding the old complete set.</summary>
    public static string FolderWithOldSet()
    {
        var folder = ProvinceFixture.NewOutputFolder();
        foreach (var (name, bytes) in Old)
        {
            File.WriteAllBytes(Path.Combine(folder, name), bytes);
        }

        return folder;
    }

    /// <summary>A copy of a folder holding a province's data files, to change or to point a run at.</summary>
    public static string CopyOfData(string data)
    {
        var folder = ProvinceFixture.NewOutputFolder();
        foreach (var file in Directory.GetFiles(data))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
        }

        return folder;
    }

    /// <summary>
    /// What a kill at this moment would leave on disk: a copy of the folder with its sub-folders. The lock files a
    /// live run holds (its staging folder's owner file, the commit lock) are copied empty, as a killed run leaves them.
    /// </summary>
    public static string Snapshot(string folder)
    {
        var copy = ProvinceFixture.NewOutputFolder();
        Copy(folder, copy);
        return copy;

        static void Copy(string from, string to)
        {
            Directory.CreateDirectory(to);
            foreach (var file in Directory.GetFiles(from))
            {
                var name = Path.GetFileName(file);
                if (name is ".owner" or ".grading-lock")
                {
                    File.WriteAllBytes(Path.Combine(to, name), []);
                }
                else
                {
                    File.Copy(file, Path.Combine(to, name));
                }
            }

            foreach (var sub in Directory.GetDirectories(from))
            {
                Copy(sub, Path.Combine(to, Path.GetFileName(sub)));
            }
        }
    }

    /// <summary>Makes a symbolic link, or makes the test inconclusive where links need rights the test lacks (Windows).</summary>
    public static void Link(string path, string target, bool folder)
    {
        try
        {
            _ = folder ? Directory.CreateSymbolicLink(path, target) : File.CreateSymbolicLink(path, target);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Assume.That(false, "symbolic links cannot be made here: " + ex.Message);
        }
    }

    /// <summary>Asserts that the folder holds exactly <paramref name="expected"/>: the same names, the same bytes, no sub-folder.</summary>
    public static void AssertHolds(string folder, SortedDictionary<string, byte[]> expected, string because)
    {
        var actual = ProvinceFixture.Files(folder);
        Assert.That(actual.Keys, Is.EqualTo(expected.Keys), because);
        foreach (var (name, bytes) in expected)
        {
            Assert.That(actual[name], Is.EqualTo(bytes), $"{because}: {name}");
        }

        Assert.That(Directory.GetDirectories(folder), Is.Empty, $"{because}: no staging folder left");
    }
}
