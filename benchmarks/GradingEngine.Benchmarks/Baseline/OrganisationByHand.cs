using System.Globalization;

namespace GradingEngine.Benchmarks.Baseline;

// The shipped organisation scheme schemes/org-sanfenlei.json (三分类三升级, version 2026.1) written by hand in plain C#:
// the yardstick the engine is measured against. It knows nothing of the engine; every number below is the scheme's
// default, written in as a constant the way a developer coding this one scheme would. If the scheme changes, this file
// must change with it: tests/GradingEngine.Tests/Baseline/OrganisationBaselineTests.cs checks it against the engine.

/// <summary>A member's level as the member scheme (member-wudai) gives it.</summary>
internal enum MemberLevel : sbyte
{
    /// <summary>No level (预备党员 take part but get no grade).</summary>
    不定等级 = -1,
    优秀 = 0,
    合格 = 1,
    基本合格 = 2,
    不合格 = 3,
}

/// <summary>A leadership team's level as the team scheme (team-sihao) gives it.</summary>
internal enum TeamLevel : sbyte
{
    四好班子 = 0,
    合格 = 1,
    不合格 = 2,
}

/// <summary>The organisation's level, best first.</summary>
internal enum OrganisationLevel : sbyte
{
    一类 = 0,
    二类 = 1,
    三类 = 2,
}

/// <summary>What the organisation scheme reads of one member's result.</summary>
/// <param name="Level">The member's level.</param>
/// <param name="LeftParty">Whether the member's result carries the flag 自行脱党.</param>
internal readonly record struct MemberOutcome(MemberLevel Level, bool LeftParty);

/// <summary>One organisation's own inputs (ids as in the scheme), its members' results and what it reads of its team's result.</summary>
internal struct OrganisationInput
{
    /// <summary>The members' results (from the engine or from <see cref="MemberByHand"/>); empty when the organisation gives summary counts instead of a list.</summary>
    public ReadOnlyMemory<MemberOutcome> 党员;

    /// <summary><c>班子.等级</c>.</summary>
    public TeamLevel 班子等级;

    /// <summary><c>班子.总分</c>.</summary>
    public double 班子总分;

    /// <summary><c>班子.严重违纪</c> (an input of the team).</summary>
    public bool 班子严重违纪;

    public int 党员人数;
    public bool 设支部委员会;
    public bool 设党小组;
    public int 书记空缺月数;
    public bool 班子健全;
    public bool 按期换届;
    public bool 严重违纪;
    public bool 有年度工作计划;
    public bool 年度计划落实;
    public int 支部委员会次数;
    public int 党小组会次数;
    public int 党员大会次数;
    public int 党课次数;
    public int 主题党日次数;
    public bool 组织生活会已召开;
    public bool 民主评议已开展;
    public bool 党务公开;
    public int 最长连续未开展活动月数;
    public bool 有活动阵地;
    public bool 工作经费落实;
    public bool 党费收缴规范;
    public int 连续未发展党员年数;
    public bool 发生重大群体性事件;
    public bool 年度考核末位;
    public int 评议定等人数;
    public int 评议优秀合格人数;
    public int 评议不合格人数;
    public int 很满意人数;
    public int 满意人数;
    public int 基本满意人数;
    public int 不太满意人数;
    public int 不满意人数;
}

/// <summary>One organisation's grade. Reusable: <see cref="OrganisationByHand.Grade(in OrganisationInput, OrganisationResult)"/> overwrites it.</summary>
internal sealed class OrganisationResult
{
    /// <summary>Every item of the scheme's tree, parents before their sub-items (the order of the engine's result).</summary>
    public static readonly string[] ItemIds = ["党组织带头人", "工作思路", "工作制度", "活动阵地", "保障机制", "工作业绩", "党员队伍", "发展党员", "中心工作", "群众评价"];

    /// <summary>At most one measure per rule: the scheme has 42 rules, each recommending one.</summary>
    public const int MaxMeasures = 42;

    /// <summary>Item scores, in the order of <see cref="ItemIds"/>.</summary>
    public double[] Items { get; } = new double[ItemIds.Length];

    public double Total { get; set; }

    public OrganisationLevel Level { get; set; }

    /// <summary>The level the total alone gives, before the gate and the vetoes.</summary>
    public OrganisationLevel ScoreLevel { get; set; }

    /// <summary>The flag 软弱涣散 (the scheme's only flag).</summary>
    public bool WeakAndLax { get; set; }

    /// <summary>The gate 满意度闸门 fired (satisfaction below 90%: at best 二类).</summary>
    public bool SatisfactionGate { get; set; }

    /// <summary>The veto 严重违纪否决 fired.</summary>
    public bool DisciplineVeto { get; set; }

    /// <summary>The veto 软弱涣散否决 fired.</summary>
    public bool WeakAndLaxVeto { get; set; }

    /// <summary>Measures in the order the engine gives them; the first <see cref="MeasureCount"/> are this organisation's.</summary>
    public string[] Measures { get; } = new string[MaxMeasures];

    public int MeasureCount { get; set; }
}

/// <summary>The organisation scheme org-sanfenlei, by hand.</summary>
internal static class OrganisationByHand
{
    // Item indexes in OrganisationResult.Items.
    private const int 党组织带头人 = 0;
    private const int 工作思路 = 1;
    private const int 工作制度 = 2;
    private const int 活动阵地 = 3;
    private const int 保障机制 = 4;
    private const int 工作业绩 = 5;
    private const int 党员队伍 = 6;
    private const int 发展党员 = 7;
    private const int 中心工作 = 8;
    private const int 群众评价 = 9;

    private const double 满意度闸门线 = 0.9;
    private const double 满意度底线 = 0.6;
    private const double 优秀比例上限 = 1.0 / 3;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Grades one organisation into a new result.</summary>
    public static OrganisationResult Grade(in OrganisationInput o)
    {
        var result = new OrganisationResult();
        Grade(in o, result);
        return result;
    }

    /// <summary>Grades one organisation, overwriting <paramref name="result"/>.</summary>
    public static void Grade(in OrganisationInput o, OrganisationResult result)
    {
        var measures = result.Measures;
        var m = 0;

        // ---- members: one pass over their results
        var members = o.党员.Span;
        int graded = 0, excellent = 0, goodOrBetter = 0, failed = 0, leftParty = 0;
        foreach (var member in members)
        {
            switch (member.Level)
            {
                case MemberLevel.优秀:
                    graded++;
                    excellent++;
                    goodOrBetter++;
                    break;
                case MemberLevel.合格:
                    graded++;
                    goodOrBetter++;
                    break;
                case MemberLevel.基本合格:
                    graded++;
                    break;
                case MemberLevel.不合格:
                    graded++;
                    failed++;
                    break;
            }

            if (member.LeftParty)
            {
                leftParty++;
            }
        }

        var hasList = members.Length > 0;
        var 实有党员数 = hasList ? members.Length : o.党员人数;
        var 定等人数 = hasList ? graded : o.评议定等人数;
        var 优良人数 = hasList ? goodOrBetter : o.评议优秀合格人数;
        var 不合格人数 = hasList ? failed : o.评议不合格人数;
        var 党员优良率 = Math.Min(Ratio(优良人数, 定等人数), 1);
        var 党员不合格率 = Math.Min(Ratio(不合格人数, 定等人数), 1);
        var 党员队伍失分 = 定等人数 == 0 ? 10 : Math.Min((10 * (1 - 党员优良率)) + (10 * 党员不合格率), 10);

        // ---- satisfaction survey
        var 答卷数 = o.很满意人数 + o.满意人数 + o.基本满意人数 + o.不太满意人数 + o.不满意人数;
        var 满意度 = 答卷数 == 0
            ? 0
            : (double)((o.很满意人数 * 100) + (o.满意人数 * 80) + (o.基本满意人数 * 60) + (o.不太满意人数 * 30)) / 答卷数 / 100;

        // ---- 软弱涣散 situations
        var 情形书记长期空缺 = o.书记空缺月数 > 3;
        var 情形三会一课未开展 = (o.设支部委员会 && o.支部委员会次数 == 0) || (o.设党小组 && o.党小组会次数 == 0) || o.党员大会次数 == 0 || o.党课次数 == 0;
        var 情形主题党日未开展 = o.主题党日次数 == 0;
        var 情形组织生活会未召开 = !o.组织生活会已召开;
        var 情形民主评议未开展 = !o.民主评议已开展;
        var 情形长期未发展党员 = o.连续未发展党员年数 >= 2;
        var 情形重大群体性事件 = o.发生重大群体性事件;
        var 情形考核末位 = o.年度考核末位;
        var 情形满意度过低 = 答卷数 > 0 && 满意度 < 满意度底线;
        var 软弱涣散情形数 = (情形书记长期空缺 ? 1 : 0) + (情形三会一课未开展 ? 1 : 0) + (情形主题党日未开展 ? 1 : 0) + (情形组织生活会未召开 ? 1 : 0)
            + (情形民主评议未开展 ? 1 : 0) + (情形长期未发展党员 ? 1 : 0) + (情形重大群体性事件 ? 1 : 0) + (情形考核末位 ? 1 : 0) + (情形满意度过低 ? 1 : 0);
        var 整改期限月数 = 软弱涣散情形数 >= 2 ? 12 : 6;

        // ---- rules, in the order the engine runs them (declaration order), each deducting and recommending
        double 带头人扣分 = 0, 思路扣分 = 0, 制度扣分 = 0, 阵地扣分 = 0, 保障扣分 = 0, 队伍扣分 = 0, 发展扣分 = 0, 中心扣分 = 0, 评价扣分 = 0;

        if (o.书记空缺月数 > 0)
        {
            带头人扣分 -= 10;
            measures[m++] = string.Create(Invariant, $"党组织书记空缺{o.书记空缺月数}个月（书记应及时配备到位），党组织带头人扣10分");
        }

        if (!o.班子健全)
        {
            带头人扣分 -= 5;
            measures[m++] = "领导班子不健全（应按规定配齐班子成员），党组织带头人扣5分";
        }

        if (!o.按期换届)
        {
            带头人扣分 -= 5;
            measures[m++] = "未按期换届（任期届满应按期换届），党组织带头人扣5分";
        }

        if (实有党员数 >= 7 && !o.设支部委员会)
        {
            带头人扣分 -= 1;
            measures[m++] = string.Create(Invariant, $"党员{实有党员数}名、未设支部委员会（党员7人以上应设支部委员会），党组织带头人扣1分");
        }

        if (o.班子等级 == TeamLevel.不合格)
        {
            带头人扣分 -= 5;
            measures[m++] = string.Create(Invariant, $"领导班子“四好五强”评定为不合格（{o.班子总分:0.##}分，应达到合格以上），党组织带头人扣5分");
        }

        if (!o.有年度工作计划)
        {
            思路扣分 -= 5;
            measures[m++] = "未制定年度党建工作计划（应年初制定并经支部委员会研究），工作思路扣5分";
        }

        if (!o.年度计划落实)
        {
            思路扣分 -= 5;
            measures[m++] = "年度工作计划未落实（计划任务应按期完成），工作思路扣5分";
        }

        if (o.设支部委员会 && o.支部委员会次数 < 12)
        {
            制度扣分 -= 2;
            measures[m++] = string.Create(Invariant, $"支部委员会全年召开{o.支部委员会次数}次（应12次），工作制度扣2分");
        }

        if (o.设党小组 && o.党小组会次数 < 12)
        {
            制度扣分 -= 2;
            measures[m++] = string.Create(Invariant, $"党小组会全年召开{o.党小组会次数}次（应12次），工作制度扣2分");
        }

        if (o.党员大会次数 < 4)
        {
            制度扣分 -= 2;
            measures[m++] = string.Create(Invariant, $"支部党员大会全年召开{o.党员大会次数}次（应4次），工作制度扣2分");
        }

        if (o.党课次数 < 4)
        {
            制度扣分 -= 2;
            measures[m++] = string.Create(Invariant, $"党课全年{o.党课次数}次（应4次），工作制度扣2分");
        }

        if (o.主题党日次数 < 12)
        {
            制度扣分 -= 2;
            measures[m++] = string.Create(Invariant, $"主题党日全年开展{o.主题党日次数}次（应12次），工作制度扣2分");
        }

        if (!o.组织生活会已召开)
        {
            制度扣分 -= 2;
            measures[m++] = "未召开年度组织生活会（应每年至少召开1次），工作制度扣2分";
        }

        if (!o.民主评议已开展)
        {
            制度扣分 -= 2;
            measures[m++] = "未开展民主评议党员（应每年开展1次），工作制度扣2分";
        }

        if (!o.党务公开)
        {
            制度扣分 -= 2;
            measures[m++] = "未落实党务公开（党务应按规定公开），工作制度扣2分";
        }

        if (o.最长连续未开展活动月数 >= 6)
        {
            制度扣分 -= 5;
            measures[m++] = string.Create(Invariant, $"连续{o.最长连续未开展活动月数}个月未开展组织生活（不得连续6个月以上不开展活动），工作制度扣5分");
        }

        if (!o.有活动阵地)
        {
            阵地扣分 -= 10;
            measures[m++] = "无固定活动阵地（应有固定活动场所），活动阵地扣10分";
        }

        if (!o.工作经费落实)
        {
            保障扣分 -= 5;
            measures[m++] = "党组织工作经费未落实（应有稳定的经费保障），保障机制扣5分";
        }

        if (!o.党费收缴规范)
        {
            保障扣分 -= 5;
            measures[m++] = "党费收缴、使用、管理不规范（应按月收缴、规范管理），保障机制扣5分";
        }

        if (定等人数 > 0 && 党员队伍失分 > 0)
        {
            队伍扣分 -= 党员队伍失分;
            measures[m++] = string.Create(Invariant,
                $"民主评议定等党员{定等人数}名，优秀和合格{优良人数}名（占{Decimals(党员优良率 * 100, 1):0.#}%），不合格{不合格人数}名（占{Decimals(党员不合格率 * 100, 1):0.#}%）（应全部达到合格以上），党员队伍扣{Decimals(党员队伍失分, 2):0.##}分");
        }

        if (定等人数 == 0)
        {
            队伍扣分 -= 党员队伍失分;
            measures[m++] = "没有党员民主评议定等结果（应每年开展民主评议并逐人定等），党员队伍扣10分";
        }

        if (excellent > graded * 优秀比例上限)
        {
            measures[m++] = string.Create(Invariant, $"评为优秀的党员{excellent}名，超过已定等党员{graded}名的三分之一，请复核评议结果");
        }

        if (leftParty > 0)
        {
            measures[m++] = string.Create(Invariant, $"党员中{leftParty}人符合自行脱党情形，党支部应核实后按程序予以除名");
        }

        if (情形长期未发展党员)
        {
            发展扣分 -= 5;
            measures[m++] = string.Create(Invariant, $"连续{o.连续未发展党员年数}年未发展党员（应持续培养入党积极分子、发展党员），发展党员扣5分");
        }

        if (o.发生重大群体性事件)
        {
            中心扣分 -= 5;
            measures[m++] = "发生重大群体性事件（应做好群众工作、维护稳定），中心工作扣5分";
        }

        if (o.年度考核末位)
        {
            中心扣分 -= 5;
            measures[m++] = "年度工作考核排名末位，中心工作扣5分";
        }

        if (情形满意度过低)
        {
            评价扣分 -= 10;
            measures[m++] = string.Create(Invariant, $"群众满意度{Decimals(满意度 * 100, 1):0.#}%（低于60%），群众评价另扣10分");
        }

        if (答卷数 > 0 && 满意度 < 满意度闸门线)
        {
            measures[m++] = string.Create(Invariant, $"群众满意度{Decimals(满意度 * 100, 1):0.#}%，低于90%，本年度不得评为一类");
        }

        if (答卷数 == 0)
        {
            measures[m++] = "未开展群众满意度测评（应每年组织测评），群众评价不得分，本年度不得评为一类";
        }

        if (情形书记长期空缺)
        {
            measures[m++] = string.Create(Invariant, $"软弱涣散情形：党组织书记空缺{o.书记空缺月数}个月，超过3个月");
        }

        if (情形三会一课未开展)
        {
            measures[m++] = string.Create(Invariant,
                $"软弱涣散情形：“三会一课”未正常开展（支部委员会{o.支部委员会次数}次、党小组会{o.党小组会次数}次、支部党员大会{o.党员大会次数}次、党课{o.党课次数}次）");
        }

        if (情形主题党日未开展)
        {
            measures[m++] = "软弱涣散情形：全年未开展主题党日";
        }

        if (情形组织生活会未召开)
        {
            measures[m++] = "软弱涣散情形：未召开年度组织生活会";
        }

        if (情形民主评议未开展)
        {
            measures[m++] = "软弱涣散情形：未开展民主评议党员";
        }

        if (情形长期未发展党员)
        {
            measures[m++] = string.Create(Invariant, $"软弱涣散情形：连续{o.连续未发展党员年数}年未发展党员");
        }

        if (情形重大群体性事件)
        {
            measures[m++] = "软弱涣散情形：发生重大群体性事件";
        }

        if (情形考核末位)
        {
            measures[m++] = "软弱涣散情形：年度工作考核排名末位";
        }

        if (情形满意度过低)
        {
            measures[m++] = string.Create(Invariant, $"软弱涣散情形：群众满意度{Decimals(满意度 * 100, 1):0.#}%，低于60%");
        }

        var 软弱涣散 = 软弱涣散情形数 > 0;
        if (软弱涣散)
        {
            measures[m++] = string.Create(Invariant,
                $"列为软弱涣散党组织（{软弱涣散情形数}种情形）：县级党委组织部门挂牌督办，选派第一书记或工作组驻点整顿，限{整改期限月数}个月内完成整顿；验收得分70分以上且群众测评“不满意”票不超过50%方可销号");
        }

        // ---- items: start, plus what the rules deducted, clamped to [0, points] and rounded to 2 decimals
        var items = result.Items;
        items[党组织带头人] = Score(15, 带头人扣分, 15);
        items[工作思路] = Score(10, 思路扣分, 10);
        items[工作制度] = Score(10, 制度扣分, 10);
        items[活动阵地] = Score(10, 阵地扣分, 10);
        items[保障机制] = Score(10, 保障扣分, 10);
        items[党员队伍] = Score(10, 队伍扣分, 10);
        items[发展党员] = Score(5, 发展扣分, 5);
        items[中心工作] = Score(5, 中心扣分, 5);
        items[工作业绩] = Score(items[党员队伍] + items[发展党员] + items[中心工作], 0, 20);
        items[群众评价] = Score(满意度 * 25, 评价扣分, 25);
        var total = Round(
            items[党组织带头人] + items[工作思路] + items[工作制度] + items[活动阵地] + items[保障机制] + items[工作业绩] + items[群众评价], 2);

        // ---- level: by score, then the vetoes force the lowest level, else the gate caps at 二类
        var scoreLevel = total >= 80 ? OrganisationLevel.一类 : total >= 60 ? OrganisationLevel.二类 : OrganisationLevel.三类;
        var gate = 满意度 < 满意度闸门线;
        var disciplineVeto = o.严重违纪 || o.班子严重违纪;
        var level = disciplineVeto || 软弱涣散
            ? OrganisationLevel.三类
            : gate && scoreLevel == OrganisationLevel.一类 ? OrganisationLevel.二类 : scoreLevel;

        switch (level)
        {
            case OrganisationLevel.一类:
                measures[m++] = string.Create(Invariant, $"一类上水平：总分{total:0.##}分，巩固提升、争创示范，发挥先进典型带动作用");
                break;
            case OrganisationLevel.二类:
                measures[m++] = string.Create(Invariant, $"二类上台阶：总分{total:0.##}分，针对失分项目逐项整改，争创一类");
                break;
            default:
                measures[m++] = string.Create(Invariant, $"三类换面貌：总分{total:0.##}分，上级党组织帮助制定整改方案，限{整改期限月数}个月内完成整改，整改后复查验收");
                break;
        }

        result.Total = total;
        result.ScoreLevel = scoreLevel;
        result.Level = level;
        result.WeakAndLax = 软弱涣散;
        result.SatisfactionGate = gate;
        result.DisciplineVeto = disciplineVeto;
        result.WeakAndLaxVeto = 软弱涣散;
        result.MeasureCount = m;
    }

    /// <summary>A ratio where a zero divisor gives 0.</summary>
    private static double Ratio(int part, int whole) => whole == 0 ? 0 : (double)part / whole;

    private static double Score(double start, double adjustment, double points) =>
        Round(Math.Min(Math.Max(start + adjustment, 0), points), 2);

    private static double Round(double value, int digits) => Math.Round(value, digits, MidpointRounding.AwayFromZero);

    /// <summary>
    /// <c>round(x, digits)</c> of the scheme's messages: half away from zero on the value's decimal form (so 2.675 gives 2.68),
    /// as the scheme language defines it.
    /// </summary>
    private static decimal Decimals(double value, int digits) => Math.Round((decimal)value, digits, MidpointRounding.AwayFromZero);
}
