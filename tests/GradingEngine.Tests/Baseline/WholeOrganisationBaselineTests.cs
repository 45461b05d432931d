using GradingEngine.Benchmarks.Baseline;
using GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;
using GradingEngine.Grading;
using GradingEngine.Tests.Golden;

namespace GradingEngine.Tests.Baseline;

/// <summary>
/// The hand-written whole organisation (benchmarks/GradingEngine.Benchmarks/Baseline: MemberByHand, TeamByHand and
/// OrganisationByHand fed their results, the yardstick of <c>OrganisationPublicPathBenchmarks</c>) must grade exactly
/// like the engine grading the shipped org-sanfenlei with its linked schemes, from the same typed rows: the
/// organisation's, the team's and every member's items, total, level, flags and measures' texts, on random
/// organisations. And the engine's typed path (<c>GradeRows</c>, <c>GradeRow</c>) on those rows must give what the
/// dictionary path gives.
/// </summary>
public class WholeOrganisationBaselineTests
{
    private const int Organisations = 2_000;
    private const int Seed = 20_260_401;
    private const int MinimumOccurrences = 10;

    private static GradingScheme Scheme => GoldenCases.Catalogue["org-sanfenlei"];

    [Test]
    public void HandWritten_GradesRandomOrganisationsWithTheirTeamsAndMembersExactlyLikeTheEngine()
    {
        var scheme = Scheme;
        var organisations = OrganisationSamples.Generate(Organisations, Seed);
        var byHand = new WholeOrganisationResult();
        var mismatches = new List<string>();
        var mismatchCount = 0;
        var memberLevels = new Dictionary<string, int>(StringComparer.Ordinal);
        var teamLevels = new Dictionary<string, int>(StringComparer.Ordinal);
        var orgLevels = new Dictionary<string, int>(StringComparer.Ordinal);
        int members = 0, movedByQuota = 0, memberFlags = 0, memberMeasures = 0, teamMeasures = 0;
        foreach (var org in organisations)
        {
            var engine = scheme.Grade(org, GradingOptions.WithoutExplanation);
            WholeOrganisationByHand.Grade(OrganisationRows.FromDictionary(org), byHand);

            var differences = new List<string>();
            Compare(differences, "组织", engine, OrganisationResult.ItemIds, byHand.Organisation.Items, byHand.Organisation.Total, byHand.Organisation.Level.ToString(),
                byHand.Organisation.WeakAndLax ? ["软弱涣散"] : [], byHand.Organisation.Measures, byHand.Organisation.MeasureCount);
            var team = engine.Linked["班子"][0];
            Compare(differences, "班子", team, TeamResult.ItemIds, byHand.Team.Items, byHand.Team.Total, byHand.Team.Level.ToString(), [], byHand.Team.Measures, byHand.Team.MeasureCount);
            var engineMembers = engine.Linked["党员"];
            if (engineMembers.Count != byHand.MemberCount)
            {
                differences.Add($"members: engine {engineMembers.Count}, by hand {byHand.MemberCount}");
            }

            for (var i = 0; i < Math.Min(engineMembers.Count, byHand.MemberCount); i++)
            {
                var member = byHand.Members[i];
                var level = member.Level == MemberLevel.不定等级 ? null : member.Level.ToString();
                var flags = MemberGrade.FlagIds.Where((_, bit) => ((int)member.Flags & (1 << bit)) != 0).ToList();
                Compare(differences, $"党员[{i}]", engineMembers[i], MemberGrade.ItemIds, member.Items, member.Total, level, flags, member.Measures, member.MeasureCount);
                movedByQuota += member.QuotaCap > 0 ? 1 : 0;
                memberFlags += flags.Count;
                memberMeasures += member.MeasureCount;
                memberLevels[level ?? "不定等级"] = memberLevels.GetValueOrDefault(level ?? "不定等级") + 1;
            }

            if (differences.Count > 0)
            {
                mismatchCount++;
                if (mismatches.Count < 10)
                {
                    mismatches.Add($"{engine.SubjectId}: {string.Join("; ", differences.Take(5))}");
                }
            }

            members += byHand.MemberCount;
            teamMeasures += byHand.Team.MeasureCount;
            teamLevels[byHand.Team.Level.ToString()] = teamLevels.GetValueOrDefault(byHand.Team.Level.ToString()) + 1;
            orgLevels[byHand.Organisation.Level.ToString()] = orgLevels.GetValueOrDefault(byHand.Organisation.Level.ToString()) + 1;
        }

        TestContext.Out.WriteLine($"{Organisations} organisations, {members} members ({movedByQuota} moved by the quota 优秀比例, {memberFlags} flags, {memberMeasures} measures), {teamMeasures} team measures");
        TestContext.Out.WriteLine("organisations: " + Counts(orgLevels) + "; teams: " + Counts(teamLevels) + "; members: " + Counts(memberLevels));
        Assert.Multiple(() =>
        {
            Assert.That(mismatchCount, Is.Zero, $"{mismatchCount} organisations differ; the first:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches)}");
            Assert.That(movedByQuota, Is.GreaterThanOrEqualTo(MinimumOccurrences), "members moved by the quota");
            foreach (var level in Enum.GetNames<MemberLevel>())
            {
                Assert.That(memberLevels.GetValueOrDefault(level), Is.GreaterThanOrEqualTo(MinimumOccurrences), $"member level {level}");
            }

            foreach (var level in Enum.GetNames<TeamLevel>())
            {
                Assert.That(teamLevels.GetValueOrDefault(level), Is.GreaterThanOrEqualTo(MinimumOccurrences), $"team level {level}");
            }

            foreach (var level in Enum.GetNames<OrganisationLevel>())
            {
                Assert.That(orgLevels.GetValueOrDefault(level), Is.GreaterThanOrEqualTo(MinimumOccurrences), $"organisation level {level}");
            }
        });
    }

    [Test]
    public void TypedRows_GradeLikeTheDictionaries()
    {
        var scheme = Scheme;
        var organisations = OrganisationSamples.Generate(Organisations, Seed + 1);
        var rows = organisations.Select(OrganisationRows.FromDictionary).ToList();
        var expected = scheme.GradeMany(organisations, GradingOptions.WithoutExplanation).ToList();
        var mismatches = new List<string>();
        var i = 0;
        foreach (var graded in scheme.GradeRows(rows))
        {
            var engine = expected[i];
            Assert.That(graded.IsGraded, Is.True, () => string.Join("; ", graded.Problems));
            if (graded.Level?.Id != engine.Level?.Id || !graded.Total.Equals(engine.Total) || graded.HasFlag("软弱涣散") != engine.HasFlag("软弱涣散"))
            {
                mismatches.Add($"{engine.SubjectId}: view {graded.Level?.Id} {graded.Total} vs {engine.Level?.Id} {engine.Total}");
            }

            // The view's full result and GradeRow's must be the dictionary path's, linked team and members included.
            mismatches.AddRange(Differences(engine, graded.ToResult(GradingOptions.WithoutExplanation)).Select(d => $"{engine.SubjectId} (GradeRows): {d}"));
            mismatches.AddRange(Differences(engine, scheme.GradeRow(rows[i], GradingOptions.WithoutExplanation)).Select(d => $"{engine.SubjectId} (GradeRow): {d}"));
            i++;
        }

        Assert.That(i, Is.EqualTo(Organisations));
        Assert.That(mismatches.Take(10), Is.Empty, $"{mismatches.Count} differences");
    }

    private static void Compare(
        List<string> differences, string who, GradingResult engine, string[] itemIds, double[] items, double total, string? level, IReadOnlyList<string> flags, string[] measures, int measureCount)
    {
        if (!engine.Items.Select(item => item.Id).SequenceEqual(itemIds))
        {
            differences.Add($"{who} items: engine {string.Join("、", engine.Items.Select(item => item.Id))}");
            return;
        }

        for (var i = 0; i < itemIds.Length; i++)
        {
            if (!engine.Items[i].Score.Equals(items[i]))
            {
                differences.Add($"{who} item {itemIds[i]}: engine {engine.Items[i].Score:R}, by hand {items[i]:R}");
            }
        }

        if (!engine.Total.Equals(total))
        {
            differences.Add($"{who} total: engine {engine.Total:R}, by hand {total:R}");
        }

        if (engine.Level?.Id != level)
        {
            differences.Add($"{who} level: engine {engine.Level?.Id ?? "none"}, by hand {level ?? "none"}");
        }

        if (!engine.Flags.Select(f => f.Id).SequenceEqual(flags))
        {
            differences.Add($"{who} flags: engine [{string.Join(",", engine.Flags.Select(f => f.Id))}], by hand [{string.Join(",", flags)}]");
        }

        if (!engine.Measures.Select(m => m.Text).SequenceEqual(measures.Take(measureCount), StringComparer.Ordinal))
        {
            differences.Add($"{who} measures: engine [{string.Join(" | ", engine.Measures.Select(m => m.Text))}], by hand [{string.Join(" | ", measures.Take(measureCount))}]");
        }
    }

    /// <summary>Every difference between two results of the same subject: items, total, level, flags, measures and linked results.</summary>
    private static List<string> Differences(GradingResult expected, GradingResult actual, string path = "")
    {
        var differences = new List<string>();
        if (expected.SubjectId != actual.SubjectId)
        {
            differences.Add($"{path}id {expected.SubjectId} vs {actual.SubjectId}");
        }

        if (!expected.Total.Equals(actual.Total) || expected.Level?.Id != actual.Level?.Id)
        {
            differences.Add($"{path}{expected.Level?.Id} {expected.Total:R} vs {actual.Level?.Id} {actual.Total:R}");
        }

        if (!expected.Items.Select(x => (x.Id, x.Score)).SequenceEqual(actual.Items.Select(x => (x.Id, x.Score))))
        {
            differences.Add($"{path}items");
        }

        if (!expected.Flags.Select(f => f.Id).SequenceEqual(actual.Flags.Select(f => f.Id)))
        {
            differences.Add($"{path}flags");
        }

        if (!expected.Measures.Select(m => (m.Text, m.RuleId)).SequenceEqual(actual.Measures.Select(m => (m.Text, m.RuleId))))
        {
            differences.Add($"{path}measures");
        }

        foreach (var (input, children) in expected.Linked)
        {
            var others = actual.Linked.TryGetValue(input, out var o) ? o : [];
            if (children.Count != others.Count)
            {
                differences.Add($"{path}{input}: {children.Count} vs {others.Count}");
                continue;
            }

            for (var i = 0; i < children.Count; i++)
            {
                differences.AddRange(Differences(children[i], others[i], $"{path}{input}[{i}]."));
            }
        }

        return differences;
    }

    private static string Counts(Dictionary<string, int> counts) =>
        string.Join("，", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}"));
}
