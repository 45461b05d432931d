using System.Diagnostics;
using System.Globalization;
using GradingEngine.Grading;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;

/// <summary>
/// Checks the hand-written NRules rules equal to the engine: every golden case of schemes/cases/member-wudai.cases.json
/// and <see cref="RandomMembers"/> random members are graded through the engine's public API and through the rules, and
/// the level, the total, every item score, the flags and the measures' texts (in order) must be the same. The benchmarks
/// call it from their set-up; <c>-- verify-fluent</c> runs it alone.
/// </summary>
internal static class MemberWudaiVerification
{
    public const int RandomMembers = 5_000;
    public const int Seed = 20_260_301;

    public static string SchemePath => Path.Combine(ShippedSchemes.Folder, "member-wudai.json");

    public static string CasesPath => Path.Combine(ShippedSchemes.Folder, "cases", "member-wudai.cases.json");

    /// <summary>Runs the check, printing what was compared; 0 when equal, 1 otherwise.</summary>
    public static int Run(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var watch = Stopwatch.StartNew();
        _ = MemberWudaiFluent.Factory;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"member-wudai: session factory of {MemberWudaiFluent.RuleTypes.Length} rules built in {watch.Elapsed.TotalMilliseconds:F0} ms (the first in this process: NRules and the rules jitted cold)"));
        try
        {
            output.WriteLine(Verify());
            return 0;
        }
        catch (InvalidOperationException e)
        {
            output.WriteLine("member-wudai: the NRules Fluent rules differ from the engine:");
            output.WriteLine(e.Message);
            return 1;
        }
    }

    /// <summary>Throws <see cref="InvalidOperationException"/> on the first difference; otherwise says what was checked.</summary>
    public static string Verify()
    {
        var scheme = GradingScheme.Load(SchemePath);
        var golden = GoldenInputs();
        Compare(scheme, golden);
        var random = MemberSamples.Generate(RandomMembers, Seed);
        var (levels, flags, measures) = Compare(scheme, random);
        return string.Create(CultureInfo.InvariantCulture,
            $"member-wudai: NRules Fluent rules equal to the engine on {golden.Count} golden cases and {random.Count:N0} random members " +
            $"(levels {string.Join("、", levels.Select(p => $"{p.Key} {p.Value}"))}; flags {string.Join("、", flags.Select(p => $"{p.Key} {p.Value}"))}; {measures:N0} measures)");
    }

    /// <summary>The golden cases' inputs (each case's input over the file's base input), named by the case.</summary>
    public static List<(string Name, Dictionary<string, object?> Input)> GoldenInputs()
    {
        var root = JObject.Parse(File.ReadAllText(CasesPath), new JsonLoadSettings { CommentHandling = CommentHandling.Ignore });
        var baseInput = root["baseInput"] as JObject ?? [];
        var cases = new List<(string, Dictionary<string, object?>)>();
        foreach (var c in (JArray)root["cases"]!)
        {
            var merged = (JObject)baseInput.DeepClone();
            foreach (var property in ((JObject)c["input"]!).Properties())
            {
                merged[property.Name] = property.Value.DeepClone();
            }

            cases.Add((c.Value<string>("name")!, ToDictionary(merged)));
        }

        return cases;
    }

    private static (SortedDictionary<string, int> Levels, SortedDictionary<string, int> Flags, int Measures) Compare(
        GradingScheme scheme, IReadOnlyList<(string Name, Dictionary<string, object?> Input)> members)
    {
        var expected = scheme.GradeMany(members.Select(m => (IReadOnlyDictionary<string, object?>)m.Input), GradingOptions.WithoutExplanation).ToList();
        var actual = MemberWudaiFluent.Grade(members.Select(m => MemberInput.ToFacts(m.Input)).ToList());
        var levels = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var flags = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var measures = 0;
        for (var i = 0; i < members.Count; i++)
        {
            Compare(members[i].Name, expected[i], actual[i]);
            var level = expected[i].Level?.Id ?? "不定等级";
            levels[level] = levels.GetValueOrDefault(level) + 1;
            foreach (var flag in expected[i].Flags)
            {
                flags[flag.Id] = flags.GetValueOrDefault(flag.Id) + 1;
            }

            measures += expected[i].Measures.Count;
        }

        return (levels, flags, measures);
    }

    private static void Compare(string name, GradingResult expected, MemberGrade actual)
    {
        void Differ(string what, object? engine, object? rules) =>
            throw new InvalidOperationException($"{name}: {what}: engine {engine ?? "null"}, NRules rules {rules ?? "null"}");

        var level = actual.Level == MemberLevel.不定等级 ? null : actual.Level.ToString();
        if (expected.Level?.Id != level)
        {
            Differ("等级", expected.Level?.Id, level);
        }

        if (expected.Total != actual.Total)
        {
            Differ("总分", expected.Total.ToString("R", CultureInfo.InvariantCulture), actual.Total.ToString("R", CultureInfo.InvariantCulture));
        }

        if (!expected.Items.Select(i => i.Id).SequenceEqual(MemberGrade.ItemIds))
        {
            Differ("评分项", string.Join("、", expected.Items.Select(i => i.Id)), string.Join("、", MemberGrade.ItemIds));
        }

        for (var i = 0; i < MemberGrade.ItemIds.Length; i++)
        {
            if (expected.Items[i].Score != actual.Items[i])
            {
                Differ($"评分项“{MemberGrade.ItemIds[i]}”", expected.Items[i].Score.ToString("R", CultureInfo.InvariantCulture), actual.Items[i].ToString("R", CultureInfo.InvariantCulture));
            }
        }

        var actualFlags = MemberGrade.FlagIds.Where((_, bit) => ((int)actual.Flags & (1 << bit)) != 0);
        if (!expected.Flags.Select(f => f.Id).SequenceEqual(actualFlags))
        {
            Differ("标记", string.Join("、", expected.Flags.Select(f => f.Id)), string.Join("、", actualFlags));
        }

        if (!expected.Measures.Select(m => m.Text).SequenceEqual(actual.Measures))
        {
            Differ("措施", string.Join(" | ", expected.Measures.Select(m => m.Text)), string.Join(" | ", actual.Measures));
        }
    }

    private static Dictionary<string, object?> ToDictionary(JObject o) =>
        o.Properties().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal);

    private static object? ToValue(JToken token) => token.Type switch
    {
        JTokenType.Object => ToDictionary((JObject)token),
        JTokenType.Integer => token.Value<int>(),
        JTokenType.Float => token.Value<double>(),
        JTokenType.Boolean => token.Value<bool>(),
        JTokenType.String => token.Value<string>(),
        JTokenType.Null => null,
        _ => throw new FormatException($"{token.Path}: unexpected {token.Type}"),
    };
}
