using GradingEngine.Grading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Tests.Golden;

/// <summary>One golden case of a shipped scheme, as written in <c>schemes/cases/&lt;scheme-id&gt;.cases.json</c>.</summary>
/// <param name="SchemeId">The scheme the case grades with.</param>
/// <param name="Name">The case's name (Chinese, unique within its file).</param>
/// <param name="Note">What the case is for, when given.</param>
/// <param name="Input">The subject's input: the file's <c>baseInput</c> overlaid with the case's own <c>input</c>.</param>
/// <param name="Expect">The expectations; only those given are checked.</param>
/// <param name="File">The case file, for messages.</param>
public sealed record GoldenCase(string SchemeId, string Name, string? Note, JObject Input, JObject Expect, string File)
{
    /// <inheritdoc />
    public override string ToString() => $"{SchemeId}：{Name}";
}

/// <summary>A case file: the scheme it names and its cases.</summary>
internal sealed record GoldenCaseFile(string Path, string SchemeId, IReadOnlyList<GoldenCase> Cases);

/// <summary>Finds the repository, loads the shipped schemes and reads the golden case files.</summary>
internal static class GoldenCases
{
    private static readonly Lazy<string> Root = new(FindRepositoryRoot);
    private static readonly Lazy<SchemeCatalogue> LoadedCatalogue = new(() => SchemeCatalogue.LoadFolder(SchemesFolder));

    private static readonly HashSet<string> FileKeys = new(StringComparer.Ordinal) { "$schema", "$comment", "scheme", "baseInput", "cases" };
    private static readonly HashSet<string> CaseKeys = new(StringComparer.Ordinal) { "$comment", "name", "note", "input", "expect" };

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

    /// <summary>Reads one case file; a malformed file throws <see cref="FormatException"/> naming the file and the problem.</summary>
    public static GoldenCaseFile Read(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        JObject root;
        try
        {
            root = JObject.Parse(File.ReadAllText(path), new JsonLoadSettings
            {
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
                CommentHandling = CommentHandling.Ignore,
            });
        }
        catch (JsonReaderException e)
        {
            throw new FormatException($"{name}: JSON 格式错误 (invalid JSON): {e.Message}", e);
        }

        foreach (var property in root.Properties().Where(p => !FileKeys.Contains(p.Name)))
        {
            throw new FormatException($"{name}: 未知的属性“{property.Name}” (unknown property; allowed: {string.Join(", ", FileKeys)})");
        }

        var schemeId = root.Value<string>("scheme") ?? throw new FormatException($"{name}: 缺少 scheme (missing 'scheme')");
        var baseInput = root["baseInput"] switch
        {
            null => new JObject(),
            JObject o => o,
            _ => throw new FormatException($"{name}: baseInput 应为对象 (must be an object)"),
        };
        if (root["cases"] is not JArray array)
        {
            throw new FormatException($"{name}: 缺少 cases 数组 (missing 'cases' array)");
        }

        var cases = new List<GoldenCase>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JObject c)
            {
                throw new FormatException($"{name}: cases[{i}] 应为对象 (must be an object)");
            }

            foreach (var property in c.Properties().Where(p => !CaseKeys.Contains(p.Name)))
            {
                throw new FormatException($"{name}: cases[{i}] 未知的属性“{property.Name}” (unknown property; allowed: {string.Join(", ", CaseKeys)})");
            }

            var caseName = c.Value<string>("name");
            if (string.IsNullOrWhiteSpace(caseName))
            {
                throw new FormatException($"{name}: cases[{i}] 缺少 name (missing 'name')");
            }

            if (!names.Add(caseName))
            {
                throw new FormatException($"{name}: 用例名称“{caseName}”重复 (duplicate case name)");
            }

            if (c["input"] is not JObject input)
            {
                throw new FormatException($"{name}: 用例“{caseName}”缺少 input 对象 (missing 'input' object)");
            }

            if (c["expect"] is not JObject expect)
            {
                throw new FormatException($"{name}: 用例“{caseName}”缺少 expect 对象 (missing 'expect' object)");
            }

            var merged = (JObject)baseInput.DeepClone();
            foreach (var property in input.Properties())
            {
                merged[property.Name] = property.Value.DeepClone();
            }

            cases.Add(new GoldenCase(schemeId, caseName, c.Value<string>("note"), merged, expect, name));
        }

        return new GoldenCaseFile(path, schemeId, cases);
    }

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
