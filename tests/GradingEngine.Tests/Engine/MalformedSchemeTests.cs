using System.Diagnostics;
using GradingEngine.Grading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Tests.Engine;

/// <summary>
/// <see cref="GradingScheme.TryParse(string, string, out GradingScheme?, out IReadOnlyList{Diagnostics.SchemeDiagnostic})"/>
/// never throws: a corpus of malformed schemes made from the example scheme (truncated, every value replaced by a value
/// of every wrong kind, every declaration duplicated, huge numbers, deep nesting) each loads or lists positioned problems.
/// </summary>
public class MalformedSchemeTests
{
    /// <summary>What every value of the example is replaced by in turn.</summary>
    private static readonly string[] Replacements =
    [
        "null", "true", "false", "0", "-1", "0.5", "1e308", "-1e308", "1e400", "9007199254740993", "123456789012345678901234567890",
        "\"\"", "\"x\"", "\"\\u0000\"", "\"\\ud800\"", "\"总分 +\"", "\"等级\"", "[]", "[1, \"a\", null]", "{}", "{ \"id\": 1 }",
        "[{ \"id\": \"党员\" }, { \"id\": \"党员\" }]", new string('[', 60) + new string(']', 60), "\"" + new string('长', 5000) + "\"",
    ];

    [Test]
    public void TryParse_TruncatedAtEveryPlace_NeverThrows()
    {
        AssertNeverThrows(Truncated());
    }

    [Test]
    public void TryParse_EveryValueReplacedByEveryWrongKind_NeverThrows()
    {
        var cases = ValuesReplaced();

        Assert.That(cases, Has.Count.GreaterThan(1000));
        AssertNeverThrows(cases);
    }

    [Test]
    public void TryParse_EveryDeclarationDuplicatedOrRemoved_NeverThrows()
    {
        AssertNeverThrows(DeclarationsDuplicatedOrRemoved());
    }

    [Test]
    public void TryParse_HandWrittenOddities_NeverThrow()
    {
        AssertNeverThrows(Oddities());
    }

    /// <summary>Every case of this corpus: other tests reuse it (the messages of every diagnostic it produces).</summary>
    internal static IEnumerable<string> Corpus() => Truncated().Concat(ValuesReplaced()).Concat(DeclarationsDuplicatedOrRemoved()).Concat(Oddities());

    /// <summary>The example scheme cut at 400 places.</summary>
    internal static IEnumerable<string> Truncated()
    {
        var text = ExampleScheme.Text;
        return Enumerable.Range(0, 400).Select(i => text[..(int)((long)text.Length * i / 400)]);
    }

    /// <summary>Each value of the example by a third of the replacements, in turn.</summary>
    internal static List<string> ValuesReplaced()
    {
        // Each value by a third of the replacements, in turn, so that every replacement meets values of every kind.
        var root = Parse();
        var cases = new List<string>();
        var values = root.DescendantsAndSelf().Where(t => t.Parent is JProperty or JArray).ToList();
        for (var v = 0; v < values.Count; v++)
        {
            var token = values[v];
            foreach (var replacement in Replacements.Where((_, r) => (v + r) % 3 == 0))
            {
                var copy = (JObject)root.DeepClone();
                copy.SelectToken(token.Path)!.Replace(JToken.Parse(replacement, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Ignore }));
                cases.Add(copy.ToString(Formatting.Indented));
            }
        }

        return cases;
    }

    /// <summary>Every declaration of the example twice or left out, every property left out or given twice.</summary>
    internal static List<string> DeclarationsDuplicatedOrRemoved()
    {
        var root = Parse();
        var cases = new List<string>();
        foreach (var array in root.Descendants().OfType<JArray>().ToList())
        {
            for (var i = 0; i < array.Count; i++)
            {
                var twice = (JObject)root.DeepClone();
                var target = (JArray)twice.SelectToken(array.Path)!;
                target.Insert(i + 1, target[i].DeepClone());
                cases.Add(twice.ToString());

                var without = (JObject)root.DeepClone();
                ((JArray)without.SelectToken(array.Path)!).RemoveAt(i);
                cases.Add(without.ToString());
            }
        }

        foreach (var property in root.Descendants().OfType<JProperty>().ToList())
        {
            var without = (JObject)root.DeepClone();
            without.SelectToken(property.Path)!.Parent!.Remove();
            cases.Add(without.ToString());

            // The same property twice, the second with another kind of value.
            var text = root.ToString(Formatting.None);
            var written = new JProperty(property.Name, property.Value).ToString(Formatting.None);
            var at = text.IndexOf(written, StringComparison.Ordinal);
            if (at >= 0)
            {
                cases.Add(text.Insert(at + written.Length, "," + JsonConvert.ToString(property.Name) + ":[1]"));
            }
        }

        return cases;
    }

    /// <summary>Hand-written oddities: not JSON, not an object, huge numbers, deep nesting.</summary>
    internal static string[] Oddities() =>
        [
            "", " ", "//", "/*", "{", "}", "[", "null", "0", "\"x\"", "{\"id\":", "{\"id\": \"a\",}", "{'id': 'a'}", "{id: a}",
            "{\"id\": new Date(1)}", "{\"id\": undefined}", "{\"id\": NaN}", "{\"id\": Infinity}", "{\"a\": 1} {\"b\": 2}",
            "{\"extends\": \"x\"}", "{\"extends\": 5}", "{\"extends\": null, \"remove\": [1, {}]}", "\uFEFF{}",
            new string('{', 10_000), new string('[', 100_000), "{\"id\":" + new string('[', 65) + new string(']', 65) + "}",
            "{\"levels\": [" + string.Join(",", Enumerable.Repeat("{\"id\": \"好\"}", 1000)) + "]}",
            ExampleScheme.Text.Replace("\"points\": 12", "\"points\": 1e308", StringComparison.Ordinal),
            ExampleScheme.Text.Replace("\"weight\": 0.2", "\"weight\": -1e400", StringComparison.Ordinal),
            ExampleScheme.Text.Replace("\"min\": 0", "\"min\": -123456789012345678901234567890", StringComparison.Ordinal),
            ExampleScheme.Text.Replace("\"max\": 60", "\"max\": 9223372036854775807", StringComparison.Ordinal),
            ExampleScheme.Text.Replace("\"max\": 60", "\"max\": -9223372036854775808", StringComparison.Ordinal),
        ];

    private static JObject Parse() =>
        JObject.Parse(ExampleScheme.Text, new JsonLoadSettings { CommentHandling = CommentHandling.Ignore });

    private static void AssertNeverThrows(IEnumerable<string> cases)
    {
        var count = 0;
        var clock = Stopwatch.StartNew();
        var thrown = new List<string>();
        foreach (var json in cases)
        {
            count++;
            try
            {
                if (GradingScheme.TryParse(json, "m.json", out var scheme, out var problems))
                {
                    Assert.That(problems, Is.Empty);
                    scheme.TryGrade(ExampleScheme.Perfect(), out _, out _);
                }
                else
                {
                    Assert.That(problems, Is.Not.Empty, json);
                    foreach (var problem in problems)
                    {
                        Assert.That(problem.Location.File, Is.EqualTo("m.json"), json);
                        Assert.That(problem.Location.Line, Is.GreaterThanOrEqualTo(1), () => $"{problem}{Environment.NewLine}{json}");
                        Assert.That(problem.Location.Column, Is.GreaterThanOrEqualTo(1), () => $"{problem}{Environment.NewLine}{json}");
                    }
                }
            }
            catch (Exception ex) when (ex is not AssertionException)
            {
                thrown.Add($"case {count} threw {ex}{Environment.NewLine}{(json.Length > 3000 ? json[..3000] : json)}");
            }
        }

        TestContext.Out.WriteLine($"{count} schemes in {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.That(thrown, Is.Empty, () => $"{thrown.Count} of {count} threw; the first ones:{Environment.NewLine}{string.Join(Environment.NewLine + Environment.NewLine, thrown.Take(5))}");
    }
}
