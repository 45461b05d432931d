using System.Globalization;
using GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;

namespace GradingEngine.Benchmarks.Baseline;

// The shipped team scheme schemes/team-sihao.json (四好五强, version 2026.1) written by hand in plain C#, like
// OrganisationByHand: no engine types, every number the scheme's default written in as a constant. It reads the same
// typed rows the engine's typed path reads (TeamRow). If the scheme changes, this file must change with it:
// tests/GradingEngine.Tests/Baseline/WholeOrganisationBaselineTests.cs checks it against the engine.

/// <summary>One leadership team's grade. Reusable: <see cref="TeamByHand.Grade"/> overwrites it.</summary>
internal sealed class TeamResult
{
    /// <summary>Every item of the scheme's tree, parents before their sub-items (the order of the engine's result).</summary>
    public static readonly string[] ItemIds = ["四好", "政治素质好", "勤政廉洁好", "团结协作好", "作风形象好", "五强", "政治信念强", "创新能力强", "实干精神强", "民主观念强", "廉洁自律强"];

    /// <summary>At most one measure per rule: the scheme has 13 rules.</summary>
    public const int MaxMeasures = 13;

    /// <summary>Item scores, in the order of <see cref="ItemIds"/>.</summary>
    public double[] Items { get; } = new double[ItemIds.Length];

    public double Total { get; set; }

    public TeamLevel Level { get; set; }

    /// <summary>Measures in the order the engine gives them (the rules' declaration order); the first <see cref="MeasureCount"/> are this team's.</summary>
    public string[] Measures { get; } = new string[MaxMeasures];

    public int MeasureCount { get; set; }
}

/// <summary>The team scheme team-sihao, by hand.</summary>
internal static class TeamByHand
{
    private const double 自评权重 = 0.2;
    private const double 群众评权重 = 0.4;
    private const double 领导评权重 = 0.4;
    private const double 四好单项线 = 85;
    private const double 短板线 = 70;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Grades one team, overwriting <paramref name="result"/>.</summary>
    public static void Grade(TeamRow team, TeamResult result)
    {
        ArgumentNullException.ThrowIfNull(team);
        ArgumentNullException.ThrowIfNull(result);
        var measures = result.Measures;
        var m = 0;

        var 政治素质 = Rate(team.政治素质);
        var 勤政廉洁 = Rate(team.勤政廉洁);
        var 团结协作 = Rate(team.团结协作);
        var 作风形象 = Rate(team.作风形象);
        var 政治信念 = Rate(team.政治信念);
        var 创新能力 = Rate(team.创新能力);
        var 实干精神 = Rate(team.实干精神);
        var 民主观念 = Rate(team.民主观念);
        var 廉洁自律 = Rate(team.廉洁自律);

        // ---- rules, in declaration order
        var 受处分 = team.受处分人数 > 0;
        double 勤政廉洁扣分 = 0, 廉洁自律扣分 = 0;
        if (受处分)
        {
            勤政廉洁扣分 = -15;
            廉洁自律扣分 = -8;
            measures[m++] = string.Create(Invariant, $"班子成员中{team.受处分人数}人本年度受党纪处分：“勤政廉洁好”“廉洁自律强”两项计0分，不得评为四好班子");
        }

        m = Weakness("政治素质好", 政治素质, measures, m);
        m = Weakness("勤政廉洁好", 勤政廉洁, measures, m);
        m = Weakness("团结协作好", 团结协作, measures, m);
        m = Weakness("作风形象好", 作风形象, measures, m);
        m = Weakness("政治信念强", 政治信念, measures, m);
        m = Weakness("创新能力强", 创新能力, measures, m);
        m = Weakness("实干精神强", 实干精神, measures, m);
        m = Weakness("民主观念强", 民主观念, measures, m);
        m = Weakness("廉洁自律强", 廉洁自律, measures, m);

        // ---- items and total
        var items = result.Items;
        items[1] = Item(政治素质 * 15 / 100, 0, 15);
        items[2] = Item(勤政廉洁 * 15 / 100, 勤政廉洁扣分, 15);
        items[3] = Item(团结协作 * 15 / 100, 0, 15);
        items[4] = Item(作风形象 * 15 / 100, 0, 15);
        items[0] = Item(items[1] + items[2] + items[3] + items[4], 0, 60);
        items[6] = Item(政治信念 * 8 / 100, 0, 8);
        items[7] = Item(创新能力 * 8 / 100, 0, 8);
        items[8] = Item(实干精神 * 8 / 100, 0, 8);
        items[9] = Item(民主观念 * 8 / 100, 0, 8);
        items[10] = Item(廉洁自律 * 8 / 100, 廉洁自律扣分, 8);
        items[5] = Item(items[6] + items[7] + items[8] + items[9] + items[10], 0, 40);
        var total = Round(items[0] + items[5]);

        // ---- level: 四好班子 needs 90 and no weak 好 or 强; the veto forces 不合格, else the gate caps at 合格
        var 四好条件 = Math.Min(Math.Min(政治素质, 勤政廉洁), Math.Min(团结协作, 作风形象)) >= 四好单项线
            && Math.Min(Math.Min(Math.Min(政治信念, 创新能力), Math.Min(实干精神, 民主观念)), 廉洁自律) >= 短板线;
        var scoreLevel = total >= 90 && 四好条件 ? TeamLevel.四好班子 : total >= 60 ? TeamLevel.合格 : TeamLevel.不合格;
        var level = team.严重违纪 ? TeamLevel.不合格
            : 受处分 && scoreLevel == TeamLevel.四好班子 ? TeamLevel.合格
            : scoreLevel;

        measures[m++] = level switch
        {
            TeamLevel.四好班子 => string.Create(Invariant, $"评为四好班子（总分{total:0.##}分）：总结推广班子建设经验，发挥示范作用"),
            TeamLevel.合格 => string.Create(Invariant, $"评为合格班子（总分{total:0.##}分）：对照“四好”标准查找差距，逐项整改短板"),
            _ => string.Create(Invariant, $"评为不合格班子（总分{total:0.##}分）：上级党组织约谈党组织书记，限期整改；问题严重的调整班子"),
        };

        result.Total = total;
        result.Level = level;
        result.MeasureCount = m;
    }

    private static int Weakness(string item, double rating, string[] measures, int m)
    {
        if (rating < 短板线)
        {
            measures[m++] = string.Create(Invariant, $"“{item}”测评{rating:0.##}分，低于70分：列为班子整改短板，制定专项整改措施");
        }

        return m;
    }

    private static double Rate(RaterScores s) => Round((自评权重 * s.自评) + (群众评权重 * s.群众评) + (领导评权重 * s.领导评));

    private static double Item(double start, double adjustment, double points) => Round(Math.Min(Math.Max(start + adjustment, 0), points));

    /// <summary>The scheme's precision: 2 decimals, halves away from zero.</summary>
    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
