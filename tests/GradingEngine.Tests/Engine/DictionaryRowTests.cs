using System.Collections.ObjectModel;
using GradingEngine.Benchmarks.Baseline;
using GradingEngine.Grading;
using GradingEngine.Tests.Golden;
using Newtonsoft.Json;

namespace GradingEngine.Tests.Engine;

/// <summary>
/// Subjects given as dictionaries graded as views (<c>GradeRows</c>) and through <c>GradeMany</c> by the compiled
/// dictionary binding give exactly what the typed rows give and what <c>Grade</c> (the reference binder) gives: the same
/// results, the same problems with the same fields, and no allocation per subject.
/// </summary>
public class DictionaryRowTests
{
    private const int Organisations = 3_000;

    private static GradingScheme Organisation => GoldenCases.Catalogue["org-sanfenlei"];

    [Test]
    public void GradeRows_RandomOrganisations_ViewsLikeTypedRowsGradeManyAndGrade()
    {
        var scheme = Organisation;
        var organisations = OrganisationSamples.Generate(Organisations, 20_260_501);
        var rows = organisations.Select(OrganisationRows.FromDictionary).ToList();
        var dictionaries = organisations.Cast<IReadOnlyDictionary<string, object?>>().ToList();
        var itemIds = scheme.Grade(organisations[0], GradingOptions.WithoutExplanation).Items.Select(i => i.Id).ToList();
        var flags = new[] { "软弱涣散" };

        using var typed = scheme.GradeRows(rows).GetEnumerator();
        using var many = scheme.GradeMany(dictionaries, GradingOptions.WithoutExplanation).GetEnumerator();
        var mismatches = new List<string>();
        var n = 0;
        foreach (var view in scheme.GradeRows(dictionaries))
        {
            Assert.That(typed.MoveNext() && many.MoveNext(), Is.True);
            var id = organisations[n]["id"];
            Assert.That(view.Row, Is.SameAs(dictionaries[n]));
            Assert.That(view.IsGraded, Is.True, () => string.Join("; ", view.Problems));
            var t = typed.Current;
            var result = many.Current;
            if (view.Level?.Id != t.Level?.Id || view.Level?.Id != result.Level?.Id
                || !view.Total.Equals(t.Total) || !view.Total.Equals(result.Total)
                || itemIds.Any(item => !view.Score(item).Equals(t.Score(item)) || !view.Score(item).Equals(result.Item(item).Score))
                || flags.Any(f => view.HasFlag(f) != t.HasFlag(f) || view.HasFlag(f) != result.HasFlag(f)))
            {
                mismatches.Add($"{id}: view {view.Level?.Id} {view.Total}, typed {t.Level?.Id} {t.Total}, GradeMany {result.Level?.Id} {result.Total}");
            }

            // The reference: Grade, by the binder every other dictionary path is measured against.
            var expected = JsonConvert.SerializeObject(scheme.Grade(organisations[n], GradingOptions.WithoutExplanation));
            if (JsonConvert.SerializeObject(view.ToResult(GradingOptions.WithoutExplanation)) != expected)
            {
                mismatches.Add($"{id}: the view's result differs from Grade's");
            }

            if (JsonConvert.SerializeObject(result) != expected)
            {
                mismatches.Add($"{id}: GradeMany's result differs from Grade's");
            }

            n++;
        }

        Assert.That(n, Is.EqualTo(Organisations));
        Assert.That(typed.MoveNext() || many.MoveNext(), Is.False);
        Assert.That(mismatches.Take(10), Is.Empty, $"{mismatches.Count} differences");
    }

    [Test]
    public void GradeManyAndViews_WithExplanation_SameAsGrade_QuotaNotesIncluded()
    {
        var scheme = Organisation;
        var organisations = OrganisationSamples.Generate(300, 20_260_502);
        var expected = organisations.Select(o => JsonConvert.SerializeObject(scheme.Grade(o))).ToList();

        var many = scheme.GradeMany(organisations).Select(JsonConvert.SerializeObject).ToList();
        var views = scheme.GradeRows(organisations.Cast<IReadOnlyDictionary<string, object?>>()).Select(v => JsonConvert.SerializeObject(v.ToResult())).ToList();

        Assert.That(many, Is.EqualTo(expected));
        Assert.That(views, Is.EqualTo(expected));
        Assert.That(expected.Count(e => e.Contains("因名额限制", StringComparison.Ordinal)), Is.GreaterThan(0), "some organisation has a member moved by the quota");
    }

    [Test]
    public void GradeMany_Organisations_FourThreads_SameAsGrade()
    {
        var scheme = Organisation;
        var organisations = OrganisationSamples.Generate(1_000, 20_260_503);
        var expected = organisations.Select(o => JsonConvert.SerializeObject(scheme.Grade(o, GradingOptions.WithoutExplanation))).ToList();

        var parallel = scheme.GradeMany(organisations, GradingOptions.WithoutExplanation with { MaxDegreeOfParallelism = 4 }).Select(JsonConvert.SerializeObject).ToList();

        Assert.That(parallel, Is.EqualTo(expected));
    }

    [Test]
    public void GradeRows_ListOfDictionary_BindsByEntriesNotByTheDictionaryTypesProperties()
    {
        var scheme = Organisation;
        List<Dictionary<string, object?>> organisations = OrganisationSamples.Generate(50, 7);

        // TRow is Dictionary<string, object?> here: the generic overload, which must bind by the entries.
        var views = scheme.GradeRows(organisations).Select(v => (v.Row, v.IsGraded, v.Level?.Id, v.Total)).ToList();
        var expected = organisations.Select(o => scheme.Grade(o, GradingOptions.WithoutExplanation)).ToList();

        Assert.That(views.Select(v => v.Row), Is.EqualTo(organisations));
        Assert.That(views.Select(v => (v.IsGraded, v.Id, v.Total)), Is.EqualTo(expected.Select(e => (true, e.Level?.Id, e.Total))));
        Assert.That(JsonConvert.SerializeObject(scheme.GradeRow(organisations[3], GradingOptions.WithoutExplanation)), Is.EqualTo(JsonConvert.SerializeObject(expected[3])));
        var parallel = scheme.GradeRowsInParallel(organisations, GradingOptions.WithoutExplanation with { MaxDegreeOfParallelism = 2 }).Select(JsonConvert.SerializeObject);
        Assert.That(parallel, Is.EqualTo(expected.Select(JsonConvert.SerializeObject)));
    }

    [Test]
    public async Task GradeRowsAsync_Dictionaries_SameAsSynchronous()
    {
        var scheme = Organisation;
        var organisations = OrganisationSamples.Generate(20, 8);
        var expected = scheme.GradeRows(organisations.Cast<IReadOnlyDictionary<string, object?>>()).Select(v => (v.Level?.Id, v.Total)).ToList();
        var actual = new List<(string?, double)>();
        await foreach (var view in scheme.GradeRowsAsync(Stream(organisations)))
        {
            actual.Add((view.Level?.Id, view.Total));
        }

        Assert.That(actual, Is.EqualTo(expected));

        static async IAsyncEnumerable<Dictionary<string, object?>> Stream(IEnumerable<Dictionary<string, object?>> rows)
        {
            foreach (var row in rows)
            {
                await Task.Yield();
                yield return row;
            }
        }
    }

    [Test]
    public void GradeRows_OtherDictionaryTypes_SameAsGrade()
    {
        var scheme = Organisation;
        foreach (var org in OrganisationSamples.Generate(30, 9))
        {
            var expected = JsonConvert.SerializeObject(scheme.Grade(org, GradingOptions.WithoutExplanation));
            IReadOnlyDictionary<string, object?>[] forms =
            [
                new SortedDictionary<string, object?>(org, StringComparer.Ordinal),
                new ReadOnlyDictionary<string, object?>(org),
                new Dictionary<string, object?>(org, StringComparer.OrdinalIgnoreCase),
            ];
            foreach (var view in scheme.GradeRows(forms))
            {
                Assert.That(JsonConvert.SerializeObject(view.ToResult(GradingOptions.WithoutExplanation)), Is.EqualTo(expected), view.Row.GetType().Name);
            }
        }
    }

    [Test]
    public void GradeRows_Organisations_LevelAndTotalRead_AllocatesNothingPerSubject()
    {
        var scheme = Organisation;
        var organisations = OrganisationSamples.Generate(500, 11).Cast<IReadOnlyDictionary<string, object?>>().ToList();
        long Allocated(IEnumerable<IReadOnlyDictionary<string, object?>> batch)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var sum = 0.0;
            foreach (var graded in scheme.GradeRows(batch))
            {
                sum += graded.Total + (graded.Level is null ? 0 : 1);
            }

            Assert.That(sum, Is.GreaterThan(0));
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        List<IReadOnlyDictionary<string, object?>> doubled = [.. organisations, .. organisations];

        // A call's own set-up (enumerator, frame, scope, and its pools grown to the largest organisation and to each
        // length of member list seen) is paid once per call; a second pass over the same 500 organisations (some
        // 14,000 subjects with their members and teams), pools grown, must allocate nothing. A measure text per
        // subject would be hundreds of kilobytes here, a boxed enumerator per dictionary over a megabyte. Until the
        // JIT has optimised the loops (in the background, after their first calls) unoptimised code may box, so the
        // passes are repeated until it has.
        var (once, twice) = (0L, 0L);
        for (var round = 0; round < 20; round++)
        {
            (once, twice) = (Allocated(organisations), Allocated(doubled));
            if (twice - once < 1_024)
            {
                break;
            }

            Thread.Sleep(100);
        }

        TestContext.Out.WriteLine($"{once} bytes for one pass, {twice} for two");
        Assert.That(twice - once, Is.LessThan(1_024), $"{once} bytes for one pass, {twice} for two");
        Assert.That(once, Is.LessThan(150_000), "a call's set-up");
    }

    private static IEnumerable<TestCaseData> BadOrganisations()
    {
        static TestCaseData Case(string name, Action<Dictionary<string, object?>> spoil) => new TestCaseData(spoil).SetName($"Problems_{name}_SameAsTheReferenceBinder");

        static Dictionary<string, object?> Team(Dictionary<string, object?> org) => (Dictionary<string, object?>)org["班子"]!;
        static Dictionary<string, object?> Member(Dictionary<string, object?> org, int n) => (Dictionary<string, object?>)((List<object?>)org["党员"]!)[n]!;

        yield return Case("UnknownKey", o => o["党员人"] = 3);
        yield return Case("UnknownKeyFarFromAny", o => o["颜色"] = "红");
        yield return Case("NumberAsWord", o => o["党课次数"] = "四");
        yield return Case("BooleanForANumber", o => o["党课次数"] = true);
        yield return Case("NotWhole", o => o["党课次数"] = 2.5);
        yield return Case("OutOfRange", o => o["党课次数"] = 500);
        yield return Case("NotFinite", o => o["党课次数"] = double.NaN);
        yield return Case("NumberForABoolean", o => o["设党小组"] = 1);
        yield return Case("ListForABoolean", o => o["设党小组"] = new List<object?> { true });
        yield return Case("MissingRequired", o => o.Remove("设党小组"));
        yield return Case("NullForRequired", o => o["设党小组"] = null);
        yield return Case("NullForDefaulted", o => o["党员人数"] = null);
        yield return Case("GivenTwiceByIdAndLabel", o => o["设立党小组"] = true);
        yield return Case("MembersNotAList", o => o["党员"] = "张三");
        yield return Case("MembersADictionary", o => o["党员"] = 42);
        yield return Case("MemberNotADictionary", o => ((List<object?>)o["党员"]!)[1] = 42);
        yield return Case("MemberNull", o => ((List<object?>)o["党员"]!)[2] = null);
        yield return Case("MembersNull", o => o["党员"] = null);
        yield return Case("MemberWithBadValues", o =>
        {
            Member(o, 1)["党员类型"] = "积极分子";
            Member(o, 1)["参加组织生活次数"] = -1;
            Member(o, 2).Remove("应参加组织生活次数");
            Member(o, 2)["学习提高"] = new Dictionary<string, object?> { ["自评"] = 90, ["上级评"] = 80 };
        });
        yield return Case("MemberRatingNotADictionary", o => Member(o, 0)["学习提高"] = 90);
        yield return Case("MemberRaterScoreNull", o => ((Dictionary<string, object?>)Member(o, 0)["学习提高"]!)["自评"] = null);
        yield return Case("TeamNotADictionary", o => o["班子"] = "班子");
        yield return Case("TeamMissing", o => o.Remove("班子"));
        yield return Case("TeamWithBadValues", o =>
        {
            Team(o)["受处分人数"] = "许多";
            Team(o)["政治素质"] = new Dictionary<string, object?> { ["自评"] = "九十", ["群众评"] = 90, ["领导评"] = 90, ["外评"] = 1 };
        });
        yield return Case("TeamRaterFlatAndNested", o => Team(o)["政治素质.自评"] = 80);
        yield return Case("IdNotText", o =>
        {
            o["id"] = 17;
            o["党课次数"] = "四";
        });
        yield return Case("EverythingAtOnce", o =>
        {
            o["颜色"] = "红";
            o["党课次数"] = "四";
            o.Remove("设党小组");
            ((List<object?>)o["党员"]!)[0] = 42;
            Member(o, 1)["党员类型"] = "积极分子";
            Team(o)["受处分人数"] = -1;
        });
    }

    [TestCaseSource(nameof(BadOrganisations))]
    public void Problems(Action<Dictionary<string, object?>> spoil)
    {
        var org = OrganisationSamples.Generate(1, 4)[0];
        spoil(org);
        AssertSameOutcome(Organisation, org);
    }

    private static IEnumerable<TestCaseData> BadBranches()
    {
        static TestCaseData Case(string name, Action<Dictionary<string, object?>> spoil) => new TestCaseData(spoil).SetName($"Problems_Branch_{name}_SameAsTheReferenceBinder");

        yield return Case("EveryKindOfBadValue", i =>
        {
            i["支委会次数"] = "七";
            i["党课次数"] = 2.5;
            i["书记空缺月数"] = 500;
            i["类型"] = "学校";
            i["换届日期"] = "2025-13-01";
            i["颜色"] = "红";
            ((List<object?>)i["党员"]!).Add(new Dictionary<string, object?> { ["处分"] = "也许", ["姓名"] = 3, ["年龄"] = 30 });
        });
        yield return Case("ListItemNotADictionary", i => ((List<object?>)i["党员"]!).Add("党员"));
        yield return Case("DateForAText", i => ((List<object?>)i["党员"]!).Add(new Dictionary<string, object?> { ["姓名"] = DateTime.Now }));
        yield return Case("EnumerationNotText", i => i["类型"] = 2);
        yield return Case("DateNotADate", i => i["换届日期"] = 20_250_101);
        yield return Case("UnknownRater", i => i["班子评价"] = new Dictionary<string, object?> { ["自评"] = 90, ["群众评"] = 90, ["领导评"] = 90, ["上级评"] = 1 });
        yield return Case("RatingMissing", i => i.Remove("班子评价"));
        yield return Case("RatingGivenTwice", i => i["班子评价.自评"] = 100);
        yield return Case("RatingByLabel", i =>
        {
            i.Remove("班子评价");
            i["班子综合评价"] = new Dictionary<string, object?> { ["自评"] = 90, ["群众评"] = 90, ["领导评"] = 90 };
        });
        yield return Case("RatingNull", i => i["班子评价"] = null);
    }

    [TestCaseSource(nameof(BadBranches))]
    public void ProblemsOfTheExampleScheme(Action<Dictionary<string, object?>> spoil)
    {
        var input = ExampleScheme.Perfect();
        spoil(input);
        AssertSameOutcome(ExampleScheme.Scheme, input);
    }

    [Test]
    public void GoodValuesOfEveryKind_SameResultAsGrade()
    {
        var scheme = ExampleScheme.Scheme;
        var input = ExampleScheme.Perfect()
            .With("支委会次数", "10")
            .With("党课次数", 3L)
            .With("有活动阵地", "否")
            .With("书记空缺月数", 1.0m)
            .With("类型", " 社区 ")
            .With("换届日期", new DateTime(2021, 3, 1, 0, 0, 0, DateTimeKind.Unspecified))
            .With("评定日期", new DateOnly(2026, 6, 30))
            .With("很满意", (short)7)
            .With("班子综合评价.自评", 95);
        input.Remove("班子评价");
        input["班子评价.群众评"] = 90f;
        input["班子评价.领导评"] = "85";
        ((List<object?>)input["党员"]!).Add(new Dictionary<string, object?> { ["姓名"] = "李四", ["受处分"] = "是", ["评议等级"] = "优秀" });

        Assert.That(scheme.TryGrade(input, out _, out var problems), Is.True, () => string.Join("; ", problems));
        AssertSameOutcome(scheme, input);
    }

    [Test]
    public void TypedRow_WithAListOfDictionaries_BindsTheListByItsEntries()
    {
        var scheme = ExampleScheme.Scheme;
        var members = new List<Dictionary<string, object?>>
        {
            new() { ["姓名"] = "张三", ["评议等级"] = "优秀" },
            new() { ["姓名"] = "李四", ["等级"] = "不合格", ["受处分"] = true },
        };
        var row = new Branch { Id = "B9", 支委会次数 = 10, 班子评价 = new Raters { 自评 = 90, 群众评 = 80, 领导评 = 85 }, 党员 = members };
        var input = new Dictionary<string, object?>
        {
            ["id"] = "B9",
            ["支委会次数"] = 10,
            ["班子评价"] = new Dictionary<string, object?> { ["自评"] = 90, ["群众评"] = 80, ["领导评"] = 85 },
            ["党员"] = members.Cast<object?>().ToList(),
        };

        Assert.That(JsonConvert.SerializeObject(scheme.GradeRow(row)), Is.EqualTo(JsonConvert.SerializeObject(scheme.Grade(input))));

        members[1]["等级"] = "也许";
        var problems = Assert.Throws<SubjectInputException>(() => scheme.GradeRow(row))!.Problems;
        Assert.That(problems.Select(p => p.Field), Is.EqualTo(new[] { "党员[1].等级" }));
    }

    private sealed class Branch
    {
        public string Id { get; init; } = string.Empty;

        public int 支委会次数 { get; init; }

        public Raters 班子评价 { get; init; } = new();

        public List<Dictionary<string, object?>> 党员 { get; init; } = [];
    }

    private sealed class Raters
    {
        public double 自评 { get; init; }

        public double 群众评 { get; init; }

        public double 领导评 { get; init; }
    }

    /// <summary>
    /// The views (by either overload), GradeMany and GradeRow report what TryGrade and Grade (the reference binder)
    /// report, in the same order; or, when the input fits, give the same result.
    /// </summary>
    private static void AssertSameOutcome(GradingScheme scheme, Dictionary<string, object?> input)
    {
        var views = new[]
        {
            scheme.GradeRows(new IReadOnlyDictionary<string, object?>[] { input }).Select(v => (v.IsGraded, v.Problems, Result: v.IsGraded ? v.ToResult() : null)).Single(),
            scheme.GradeRows(new[] { input }).Select(v => (v.IsGraded, v.Problems, Result: v.IsGraded ? v.ToResult() : null)).Single(),
        };
        if (scheme.TryGrade(input, out var result, out var problems))
        {
            var expectedResult = JsonConvert.SerializeObject(result);
            Assert.Multiple(() =>
            {
                foreach (var view in views)
                {
                    Assert.That(view.IsGraded, Is.True, () => string.Join("; ", view.Problems));
                    Assert.That(JsonConvert.SerializeObject(view.Result), Is.EqualTo(expectedResult));
                }

                Assert.That(JsonConvert.SerializeObject(scheme.GradeMany(new[] { input }).Single()), Is.EqualTo(expectedResult));
                Assert.That(JsonConvert.SerializeObject(scheme.GradeRow(input)), Is.EqualTo(expectedResult));
            });
            TestContext.Out.WriteLine("fits: " + result);
            return;
        }

        var expected = problems.Select(p => p.ToString()).ToList();
        var expectedId = Assert.Throws<SubjectInputException>(() => scheme.Grade(input))!.SubjectId;
        var many = Assert.Throws<SubjectInputException>(() => scheme.GradeMany(new[] { input }, GradingOptions.WithoutExplanation).ToList())!;
        var row = Assert.Throws<SubjectInputException>(() => scheme.GradeRow(input))!;
        Assert.Multiple(() =>
        {
            foreach (var view in views)
            {
                Assert.That(view.IsGraded, Is.False);
                Assert.That(view.Problems.Select(p => p.ToString()), Is.EqualTo(expected));
            }

            Assert.That(many.Problems.Select(p => p.ToString()), Is.EqualTo(expected));
            Assert.That(many.SubjectId, Is.EqualTo(expectedId));
            Assert.That(row.Problems.Select(p => p.ToString()), Is.EqualTo(expected));
        });
        TestContext.Out.WriteLine(string.Join(Environment.NewLine, expected));
    }
}
