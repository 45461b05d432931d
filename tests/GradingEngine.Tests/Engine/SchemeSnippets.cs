using GradingEngine.Diagnostics;
using GradingEngine.Grading;

namespace GradingEngine.Tests.Engine;

/// <summary>Small member schemes written for one problem each, and where a fragment is in them.</summary>
internal static class SchemeSnippets
{
    /// <summary>A member scheme with the given sections (JSON properties, one or more per line) and one level.</summary>
    public static string Member(string sections) =>
        "{\n  \"id\": \"t\", \"name\": \"测试\", \"subject\": \"member\",\n" + sections + ",\n  \"levels\": [ { \"id\": \"合格\" } ]\n}\n";

    /// <summary>The 1-based line and column of the <paramref name="occurrence"/>-th (from 1) occurrence of a fragment.</summary>
    public static (int Line, int Column) PositionOf(string text, string fragment, int occurrence = 1)
    {
        var index = -1;
        for (var i = 0; i < occurrence; i++)
        {
            index = text.IndexOf(fragment, index + 1, StringComparison.Ordinal);
            if (index < 0)
            {
                throw new ArgumentException($"'{fragment}' #{occurrence} not found");
            }
        }

        var line = text[..index].Count(c => c == '\n') + 1;
        var column = index - (text.LastIndexOf('\n', Math.Max(index - 1, 0)) + 1) + 1;
        return (line, column);
    }

    /// <summary>Loads without throwing, and gives the problems (the test fails if TryParse throws).</summary>
    public static IReadOnlyList<SchemeDiagnostic> Problems(string json, string file = "t.json")
    {
        IReadOnlyList<SchemeDiagnostic> diagnostics = [];
        var ok = false;
        Assert.DoesNotThrow(() => ok = GradingScheme.TryParse(json, file, out _, out diagnostics));
        Assert.That(ok, Is.False, "the scheme should have problems");
        return diagnostics;
    }

    public static string Describe(IEnumerable<SchemeDiagnostic> diagnostics) => string.Join(Environment.NewLine, diagnostics);
}
