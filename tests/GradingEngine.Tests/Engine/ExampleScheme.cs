using GradingEngine.Grading;

namespace GradingEngine.Tests.Engine;

/// <summary>The example scheme of the tests and inputs for it.</summary>
internal static class ExampleScheme
{
    private static readonly Lazy<GradingScheme> Loaded = new(() => GradingScheme.Load(PathOf("example-branch.json")));

    public static GradingScheme Scheme => Loaded.Value;

    public static string PathOf(string file) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Schemes", file);

    public static string Text => File.ReadAllText(PathOf("example-branch.json"));

    /// <summary>A branch that meets every requirement: 100 points, 好.</summary>
    public static Dictionary<string, object?> Perfect(int members = 3) => new()
    {
        ["id"] = "B001",
        ["支委会次数"] = 12,
        ["班子评价"] = new Dictionary<string, object?> { ["自评"] = 100, ["群众评"] = 100, ["领导评"] = 100 },
        ["党员"] = Enumerable.Range(0, members)
            .Select(i => (object?)new Dictionary<string, object?> { ["姓名"] = $"党员{i}", ["等级"] = "合格" })
            .ToList(),
    };

    public static Dictionary<string, object?> With(this Dictionary<string, object?> input, string key, object? value)
    {
        input[key] = value;
        return input;
    }
}
