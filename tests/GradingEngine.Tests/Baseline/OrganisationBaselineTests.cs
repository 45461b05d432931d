using GradingEngine.Benchmarks.Baseline;
using GradingEngine.Grading;
using GradingEngine.Schemes;
using GradingEngine.Tests.Golden;

namespace GradingEngine.Tests.Baseline;

/// <summary>
/// The hand-written org-sanfenlei (benchmarks/GradingEngine.Benchmarks/Baseline/OrganisationByHand.cs, the yardstick of
/// the benchmarks) must grade exactly like the engine grading the shipped scheme: every item score, the total, the
/// level, the flags and every measure's text, on random organisations drawn so that every rule, gate, veto and level
/// occurs. The baseline is fed what the engine's linked results say of the members and the team.
/// </summary>
public class OrganisationBaselineTests
{
    private const int Organisations = 5_000;
    private const int Seed = 20_260_101;

    /// <summary>Every this many organisations are also graded with the explanation on, to see which gates and vetoes fired.</summary>
    private const int ExplainEvery = 10;

    /// <summary>Each rule, gate and veto must fire at least this often, and each way a level is decided must occur this often.</summary>
    private const int MinimumOccurrences = 10;

    private static GradingScheme Scheme => GoldenCases.Catalogue["org-sanfenlei"];

    [Test]
    public void HandWritten_GradesRandomOrganisationsExactlyLikeTheEngine()
    {
        var scheme = Scheme;
        var random = new Random(Seed);
        var baseline = new OrganisationResult();
        var mismatches = new List<string>();
        var mismatchCount = 0;
        var fired = scheme.Model.Rules.ToDictionary(r => r.Id, _ => 0, StringComparer.Ordinal);
        var levels = new Dictionary<string, int>(StringComparer.Ordinal);
        int weak = 0, gateDecided = 0, disciplineVetoDecided = 0, weakVetoDecided = 0, explained = 0, members = 0;
        for (var i = 0; i < Organisations; i++)
        {
            var org = OrganisationSamples.Organisation(random, i);
            var engine = scheme.Grade(org, GradingOptions.WithoutExplanation);
            var input = OrganisationSamples.ToBaselineInput(org, engine);
            OrganisationByHand.Grade(in input, baseline);

            if (Differences(engine, baseline) is { Count: > 0 } differences)
            {
                mismatchCount++;
                if (mismatches.Count < 10)
                {
                    mismatches.Add($"{engine.SubjectId}: {string.Join("; ", differences)}");
                }
            }

            if (i % ExplainEvery == 0)
            {
                explained++;
                var firedIds = scheme.Grade(org).Explanation!.FiredRules.Select(r => r.RuleId).ToHashSet(StringComparer.Ordinal);
                Assert.That(
                    (firedIds.Contains("满意度闸门"), firedIds.Contains("严重违纪否决"), firedIds.Contains("软弱涣散否决")),
                    Is.EqualTo((baseline.SatisfactionGate, baseline.DisciplineVeto, baseline.WeakAndLaxVeto)),
                    $"{engine.SubjectId}: gates and vetoes fired (engine) vs baseline");
            }

            // Coverage. Every rule of this scheme recommends exactly one measure, so the engine's measures say which
            // rules fired; the gate and the vetoes come from the baseline (checked against the engine above).
            members += input.党员.Length;
            foreach (var measure in engine.Measures)
            {
                fired[measure.RuleId]++;
            }

            fired["满意度闸门"] += baseline.SatisfactionGate ? 1 : 0;
            fired["严重违纪否决"] += baseline.DisciplineVeto ? 1 : 0;
            fired["软弱涣散否决"] += baseline.WeakAndLaxVeto ? 1 : 0;
            levels[engine.Level!.Id] = levels.GetValueOrDefault(engine.Level.Id) + 1;
            weak += engine.HasFlag("软弱涣散") ? 1 : 0;
            gateDecided += baseline is { SatisfactionGate: true, ScoreLevel: OrganisationLevel.一类, Level: OrganisationLevel.二类 } ? 1 : 0;
            var vetoDecides = baseline.ScoreLevel != OrganisationLevel.三类;
            disciplineVetoDecided += vetoDecides && baseline is { DisciplineVeto: true, WeakAndLaxVeto: false } ? 1 : 0;
            weakVetoDecided += vetoDecides && baseline is { DisciplineVeto: false, WeakAndLaxVeto: true } ? 1 : 0;
        }

        TestContext.Out.WriteLine($"{Organisations} organisations, {members} members; {explained} also graded with the explanation on");
        TestContext.Out.WriteLine("levels: " + string.Join("，", levels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key} {l.Value}")));
        TestContext.Out.WriteLine($"软弱涣散 raised {weak}, not raised {Organisations - weak}");
        TestContext.Out.WriteLine($"level decided by the gate {gateDecided}, by 严重违纪否决 alone {disciplineVetoDecided}, by 软弱涣散否决 alone {weakVetoDecided}");
        TestContext.Out.WriteLine("fired: " + string.Join("，", fired.Select(f => $"{f.Key} {f.Value}")));

        Assert.Multiple(() =>
        {
            Assert.That(mismatchCount, Is.Zero, $"{mismatchCount} organisations differ; the first:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches)}");
            foreach (var level in scheme.Levels)
            {
                Assert.That(levels.GetValueOrDefault(level.Id), Is.GreaterThanOrEqualTo(MinimumOccurrences), $"level {level.Id}");
            }

            Assert.That(weak, Is.InRange(MinimumOccurrences, Organisations - MinimumOccurrences), "软弱涣散 raised and not raised");
            // 优秀比例超限 cannot fire here: member-wudai's quota (优秀比例) already caps 优秀 at a third of the members
            // graded with the organisation. It warns only when a province removes that quota.
            Assert.That(fired.Where(f => f.Value < MinimumOccurrences && f.Key != "优秀比例超限").Select(f => $"{f.Key} {f.Value}"), Is.Empty, "rules, gates and vetoes that fired too rarely");
            Assert.That(gateDecided, Is.GreaterThanOrEqualTo(MinimumOccurrences), "organisations the gate held at 二类");
            Assert.That(disciplineVetoDecided, Is.GreaterThanOrEqualTo(MinimumOccurrences), "organisations 严重违纪否决 alone put in 三类");
            Assert.That(weakVetoDecided, Is.GreaterThanOrEqualTo(MinimumOccurrences), "organisations 软弱涣散否决 alone put in 三类");
        });
    }

    [Test]
    public void HandWritten_GradesOrganisationsGivingSummaryCountsInsteadOfAMemberList_LikeTheEngine()
    {
        var scheme = Scheme;
        var random = new Random(Seed + 1);
        var baseline = new OrganisationResult();
        var mismatches = new List<string>();
        var noGradedMembers = 0;
        for (var i = 0; i < 500; i++)
        {
            var org = OrganisationSamples.Organisation(random, i);
            org.Remove("党员");
            if (i % 10 == 0)
            {
                org["评议定等人数"] = 0;
            }

            var engine = scheme.Grade(org, GradingOptions.WithoutExplanation);
            var input = OrganisationSamples.ToBaselineInput(org, engine);
            OrganisationByHand.Grade(in input, baseline);
            mismatches.AddRange(Differences(engine, baseline).Select(d => $"{engine.SubjectId}: {d}"));
            noGradedMembers += engine.Measures.Any(m => m.RuleId == "无定等结果") ? 1 : 0;
        }

        Assert.That(mismatches, Is.Empty);
        Assert.That(noGradedMembers, Is.GreaterThanOrEqualTo(MinimumOccurrences));
    }

    [Test]
    public void Baseline_KnowsEveryItemOfTheScheme_InTheEnginesOrder()
    {
        Assert.That(Scheme.Model.Items.Select(i => i.Id), Is.EqualTo(OrganisationResult.ItemIds));
    }

    [Test]
    public void Baseline_CoversEveryRuleGateAndVetoOfTheScheme()
    {
        // The coverage test counts rules by their measures: if the scheme gains a rule without a measure, or a
        // gate or veto, the baseline and that test need to learn about it.
        var rules = Scheme.Model.Rules;
        Assert.Multiple(() =>
        {
            Assert.That(rules.Where(r => r.Origin == RuleOrigin.Rule).Select(r => r.Actions.Count(a => a.Kind == ActionKind.Measure)), Is.All.EqualTo(1));
            Assert.That(rules.Where(r => r.Origin != RuleOrigin.Rule).Select(r => r.Id), Is.EquivalentTo(new[] { "满意度闸门", "严重违纪否决", "软弱涣散否决" }));
            Assert.That(rules.Count(r => r.Origin == RuleOrigin.Rule), Is.LessThanOrEqualTo(OrganisationResult.MaxMeasures));
        });
    }

    private static List<string> Differences(GradingResult engine, OrganisationResult baseline)
    {
        var differences = new List<string>();
        for (var i = 0; i < OrganisationResult.ItemIds.Length; i++)
        {
            var item = engine.Items[i];
            if (item.Id != OrganisationResult.ItemIds[i] || !item.Score.Equals(baseline.Items[i]))
            {
                differences.Add($"item {item.Id}: engine {item.Score:R}, baseline {OrganisationResult.ItemIds[i]} {baseline.Items[i]:R}");
            }
        }

        if (!engine.Total.Equals(baseline.Total))
        {
            differences.Add($"total: engine {engine.Total:R}, baseline {baseline.Total:R}");
        }

        if (engine.Level?.Id != baseline.Level.ToString())
        {
            differences.Add($"level: engine {engine.Level?.Id}, baseline {baseline.Level}");
        }

        var engineFlags = string.Join(",", engine.Flags.Select(f => f.Id));
        var baselineFlags = baseline.WeakAndLax ? "软弱涣散" : string.Empty;
        if (engineFlags != baselineFlags)
        {
            differences.Add($"flags: engine [{engineFlags}], baseline [{baselineFlags}]");
        }

        var engineMeasures = engine.Measures.Select(m => m.Text).ToList();
        var baselineMeasures = baseline.Measures.Take(baseline.MeasureCount).ToList();
        if (!engineMeasures.SequenceEqual(baselineMeasures, StringComparer.Ordinal))
        {
            var first = Enumerable.Range(0, Math.Max(engineMeasures.Count, baselineMeasures.Count))
                .First(k => k >= engineMeasures.Count || k >= baselineMeasures.Count || engineMeasures[k] != baselineMeasures[k]);
            differences.Add($"measure {first} of {engineMeasures.Count}/{baselineMeasures.Count}: engine “{engineMeasures.ElementAtOrDefault(first)}”, baseline “{baselineMeasures.ElementAtOrDefault(first)}”");
        }

        return differences;
    }
}
