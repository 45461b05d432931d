using System.Reflection;
using System.Text.RegularExpressions;
using GradingEngine.Diagnostics;
using GradingEngine.Expressions;
using GradingEngine.Grading;
using GradingEngine.Schemes.Json;
using GradingEngine.Tests.Engine;

namespace GradingEngine.Tests.Schemes;

/// <summary>
/// <see cref="SchemeDiagnostic.Localized"/>: messages are written <c>中文 (english gloss)</c> and every one the loader's
/// test corpus produces splits into a Chinese part and an English part.
/// </summary>
public partial class MessageLanguageTests
{
    [TestCase("方案缺少 id (the scheme has no 'id')", "方案缺少 id", "the scheme has no 'id'")]
    [TestCase("评价项“政治素质（三评）”没有评价主体 (rating '政治素质（三评）' has no raters (declare them))",
        "评价项“政治素质（三评）”没有评价主体", "rating '政治素质（三评）' has no raters (declare them)")]
    [TestCase("表达式“(a + b”缺少右括号 (the expression '(a + b' is missing ')')", "表达式“(a + b”缺少右括号", "the expression '(a + b' is missing ')'")]
    [TestCase("“x”的值 (注意) 应为数值 (the scheme's value 'x' must be a number)", "“x”的值 (注意) 应为数值", "the scheme's value 'x' must be a number")]
    [TestCase("比例应为“1/3”这样的分数 (share must be a fraction such as \"(1/3)\")", "比例应为“1/3”这样的分数", "share must be a fraction such as \"(1/3)\"")]
    public void Split_BilingualMessage_ChineseAndEnglishParts(string message, string chinese, string english)
    {
        var diagnostic = new SchemeDiagnostic("GE2003", message, SourceLocation.None);

        Assert.That(diagnostic.Localized(MessageLanguage.Chinese).Message, Is.EqualTo(chinese));
        Assert.That(diagnostic.Localized(MessageLanguage.English).Message, Is.EqualTo(english));
        Assert.That(diagnostic.Localized(MessageLanguage.Bilingual), Is.SameAs(diagnostic));
    }

    [TestCase("only one language")]
    [TestCase("只有中文（全角括号）")]
    [TestCase("(only a gloss)")]
    [TestCase("不平衡 (unbalanced ( gloss)")]
    public void Localized_MessageNotWrittenBilingually_KeptWhole(string message)
    {
        var diagnostic = new SchemeDiagnostic("GE2003", message, SourceLocation.None);

        Assert.That(diagnostic.Localized(MessageLanguage.English).Message, Is.EqualTo(message));
        Assert.That(diagnostic.Localized(MessageLanguage.Chinese).Message, Is.EqualTo(message));
    }

    [Test]
    public void Localized_KeepsCodeLocationAndExcerpt()
    {
        var location = new SourceLocation("a.json", 3, 7, "rules[0].when", 5);
        var diagnostic = new SchemeDiagnostic("GE3002", "未定义的名称“x” (undefined name 'x')", location, "x > 1\n^");

        var english = diagnostic.Localized(MessageLanguage.English);

        Assert.That(english, Is.EqualTo(diagnostic with { Message = "undefined name 'x'" }));
        Assert.That(english.ToString(), Does.StartWith("a.json(3,7) rules[0].when [expression column 5]: error GE3002: undefined name 'x'"));
    }

    [Test]
    public void EveryLoaderMessageOfTheTestCorpus_SplitsIntoChineseAndEnglish()
    {
        var messages = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var json in MalformedSchemeTests.Corpus().Concat(TestInputs()).Concat(TestInputs().Select(SchemeSnippets.Member)))
        {
            GradingScheme.TryParse(json, "t.json", out _, out var diagnostics);
            messages.UnionWith(diagnostics.Select(d => d.Message));
        }

        foreach (var sources in CatalogueCorpus)
        {
            var outcomes = SchemeCatalogue.Compile(sources.Select((text, i) => SchemeSource.FromText($"s{i}.json", text)).ToList());
            messages.UnionWith(outcomes.SelectMany(o => o.Problems).Select(d => d.Message));
        }

        foreach (var text in TestInputs())
        {
            var errors = new List<ExpressionError>();
            ExpressionChecker.Check(text, Tests.Expressions.Schema.Top, null, ExpressionLimits.Default, errors);
            messages.UnionWith(errors.Select(e => e.Message));
        }

        var bad = messages.Where(m => Problem(m) is not null).Select(m => $"{Problem(m)}: {m}").ToList();
        TestContext.Out.WriteLine($"{messages.Count} distinct messages");
        Assert.That(messages, Has.Count.GreaterThan(300));
        Assert.That(bad, Is.Empty, () => $"{bad.Count} messages do not split:{Environment.NewLine}{string.Join(Environment.NewLine, bad.Take(40))}");
    }

    /// <summary>Why a message does not split cleanly into <c>中文 (english)</c>, or null.</summary>
    private static string? Problem(string message)
    {
        if (BilingualText.Split(message) is not var (chinese, english))
        {
            return "no English gloss in parentheses at the end";
        }

        if (!Cjk().IsMatch(chinese))
        {
            return "the Chinese part has no Chinese";
        }

        if (!Regex.IsMatch(english, "[A-Za-z]{2}"))
        {
            return "the English part has no English";
        }

        // Names quoted from the scheme may be Chinese, and so may the values a message lists; the words are English.
        var unquoted = Quoted().Replace(english, string.Empty);
        return Cjk().Count(unquoted) > Regex.Count(unquoted, "[A-Za-z]") ? "the English part is mostly Chinese" : null;
    }

    [GeneratedRegex(@"[\u3400-\u9FFF\uF900-\uFAFF\u3000-\u303F\uFF00-\uFFEF]")]
    private static partial Regex Cjk();

    [GeneratedRegex("“[^”]*”|'[^']*'|\"[^\"]*\"|「[^」]*」")]
    private static partial Regex Quoted();

    /// <summary>
    /// The inputs of the other tests: every string argument of a <c>[TestCase]</c> and every string constant of a test
    /// class (the schemes, sections and expressions they load).
    /// </summary>
    private static IEnumerable<string> TestInputs()
    {
        var types = typeof(MessageLanguageTests).Assembly.GetTypes();
        var fromCases = types.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetCustomAttributes<TestCaseAttribute>())
            .SelectMany(a => a.Arguments.SelectMany(Strings));
        var constants = types.SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!);
        return fromCases.Concat(constants).Where(s => s.Length is > 0 and < 100_000).Distinct(StringComparer.Ordinal).ToList();

        static IEnumerable<string> Strings(object? argument) => argument switch
        {
            string s => [s],
            string[] many => many,
            _ => [],
        };
    }

    /// <summary>Schemes loaded together: variants, links, cycles and clashes between files.</summary>
    private static readonly string[][] CatalogueCorpus =
    [
        [
            """{ "id": "base", "name": "基础", "subject": "member", "inputs": [ { "id": "x", "type": "number" } ], "levels": [ { "id": "合格" } ] }""",
            """{ "extends": "base", "id": "v", "remove": ["无此项", 5] }""",
            """{ "extends": "base", "name": "无 id" }""",
            """{ "extends": "base", "id": "w", "remove": "x" }""",
            """{ "extends": "无此方案", "id": "u" }""",
            """{ "id": "base", "name": "重复", "subject": "member", "levels": [ { "id": "合格" } ] }""",
        ],
        [
            """{ "id": "a", "name": "甲", "subject": "organisation", "inputs": [ { "id": "班子", "type": "subject", "scheme": "b" } ], "levels": [ { "id": "合格" } ] }""",
            """{ "id": "b", "name": "乙", "subject": "team", "inputs": [ { "id": "组织", "type": "subject", "scheme": "a" } ], "levels": [ { "id": "合格" } ] }""",
            """{ "id": "c", "name": "丙", "subject": "team", "inputs": [ { "id": "组织", "type": "subject", "scheme": "a" } ], "levels": [ { "id": "合格" } ] }""",
        ],
        [
            """{ "id": "broken", "name": "坏", "subject": "member", "rules": [ { "id": "r", "when": "未定义 > 1", "then": { "flag": "f" } } ], "levels": [ { "id": "合格" } ] }""",
            """{ "extends": "broken", "id": "variant", "name": "变体" }""",
            """{ "id": "org", "name": "组织", "subject": "organisation", "inputs": [ { "id": "党员", "type": "list", "scheme": "broken" } ], "levels": [ { "id": "合格" } ] }""",
        ],
    ];
}
