using System.Globalization;
using GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;

namespace GradingEngine.Benchmarks.Baseline;

// The shipped member scheme schemes/member-wudai.json (五带五争, version 2026.1) written by hand in plain C#, like
// OrganisationByHand: no engine types, every number the scheme's default written in as a constant. It reads the same
// typed rows the engine's typed path reads (MemberFacts). If the scheme changes, this file must change with it:
// tests/GradingEngine.Tests/Baseline/WholeOrganisationBaselineTests.cs checks it against the engine.

/// <summary>One member's grade. Reusable: <see cref="MemberByHand.Grade"/> overwrites it.</summary>
internal sealed class MemberResult
{
    /// <summary>At most one measure per rule: the scheme has 13 rules.</summary>
    public const int MaxMeasures = 13;

    /// <summary>Item scores, in the order of <see cref="MemberGrade.ItemIds"/>.</summary>
    public double[] Items { get; } = new double[9];

    public double Total { get; set; }

    public MemberLevel ScoreLevel { get; set; }

    /// <summary>The level; <see cref="MemberLevel.不定等级"/> when withheld (预备党员).</summary>
    public MemberLevel Level { get; set; }

    /// <summary>The best level a quota left the member (0: none; 1: moved from 优秀 to 合格).</summary>
    public int QuotaCap { get; set; }

    /// <summary>群众信任度, a rank key of the quota.</summary>
    public double Trust { get; set; }

    public MemberFlags Flags { get; set; }

    /// <summary>Measures in the order the engine gives them (the rules' declaration order); the first <see cref="MeasureCount"/> are this member's.</summary>
    public string[] Measures { get; } = new string[MaxMeasures];

    public int MeasureCount { get; set; }
}

/// <summary>The member scheme member-wudai, by hand.</summary>
internal static class MemberByHand
{
    private const double 自评权重 = 0.2;
    private const double 群众评权重 = 0.4;
    private const double 领导评权重 = 0.4;
    private const int 每次缺席扣分 = 1;
    private const int 每月党费扣分 = 1;
    private const double 称号评分线 = 95;
    private const double 信任度底线 = 0.5;
    private const int 脱党月数 = 6;

    /// <summary>The quota 优秀比例: at most a third of an organisation's graded members are 优秀 (rounded down).</summary>
    private const double 优秀比例 = 1.0 / 3;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly string[] DisciplineNames = Enum.GetNames<Discipline>();

    /// <summary>Grades one member on its own (no quota), overwriting <paramref name="result"/>.</summary>
    public static void Grade(MemberFacts member, MemberResult result)
    {
        ArgumentNullException.ThrowIfNull(member);
        ArgumentNullException.ThrowIfNull(result);
        var measures = result.Measures;
        var m = 0;

        // ---- ratings and values
        var 学习提高 = Rate(member.学习提高);
        var 创造佳绩 = Rate(member.创造佳绩);
        var 服务群众 = Rate(member.服务群众);
        var 遵纪守法 = Rate(member.遵纪守法);
        var 弘扬正气 = Rate(member.弘扬正气);
        var 缺席次数 = Math.Max(member.应参加组织生活次数 - member.参加组织生活次数, 0);
        var 未按时交费月数 = Math.Max(member.应交党费月数 - member.按时交纳党费月数, 0);
        var 群众信任度 = member.测评票数 == 0 ? 1 : Math.Min((double)member.信任票数 / member.测评票数, 1);
        var 处分扣分 = member.处分 switch
        {
            Discipline.警告 => 4,
            Discipline.严重警告 => 6,
            Discipline.撤销党内职务 => 8,
            Discipline.留党察看 => 10,
            _ => 0,
        };
        var 构成自行脱党 = !member.有正当理由
            && (member.连续未参加组织生活月数 >= 脱党月数 || member.连续未交党费月数 >= 脱党月数 || member.连续未做分配工作月数 >= 脱党月数);
        var 称号资格 = member.处分 == Discipline.无 && 群众信任度 >= 信任度底线 && !构成自行脱党;
        var 预备党员 = member.党员类型 == MemberType.预备党员;

        // ---- rules on inputs and values, in declaration order
        double 组织生活加减分 = 0, 党费加减分 = 0, 纪律加减分 = 0;
        var flags = MemberFlags.None;
        if (缺席次数 > 0)
        {
            组织生活加减分 -= 缺席次数 * 每次缺席扣分;
            measures[m++] = string.Create(Invariant,
                $"全年参加组织生活{member.参加组织生活次数}次（应{member.应参加组织生活次数}次），参加组织生活扣{Math.Min(缺席次数 * 每次缺席扣分, 10)}分");
        }

        if (未按时交费月数 > 0)
        {
            党费加减分 -= 未按时交费月数 * 每月党费扣分;
            measures[m++] = string.Create(Invariant,
                $"党费按时交纳{member.按时交纳党费月数}个月（应{member.应交党费月数}个月），按时交纳党费扣{Math.Min(未按时交费月数 * 每月党费扣分, 5)}分");
        }

        if (member.处分 != Discipline.无)
        {
            纪律加减分 -= 处分扣分;
            measures[m++] = string.Create(Invariant, $"本年度受{DisciplineNames[(int)member.处分]}处分，遵守纪律扣{处分扣分}分，当年不得评为优秀");
        }

        if (构成自行脱党)
        {
            flags |= MemberFlags.自行脱党;
            measures[m++] = string.Create(Invariant,
                $"连续未参加组织生活{member.连续未参加组织生活月数}个月、未交纳党费{member.连续未交党费月数}个月、未做党所分配的工作{member.连续未做分配工作月数}个月，符合自行脱党情形：党支部核实后提交支部党员大会决定除名，报上级党组织批准");
        }

        if (预备党员)
        {
            measures[m++] = "预备党员参加评议、不定等级，评议情况作为预备期考察和能否按期转正的依据";
        }

        if (预备党员 && 群众信任度 < 信任度底线)
        {
            measures[m++] = string.Create(Invariant,
                $"预备党员群众信任度{Percent(群众信任度):0.#}%，低于50%：党支部加强教育考察，视情况延长预备期或取消预备党员资格");
        }

        if (称号资格)
        {
            if (学习提高 >= 称号评分线)
            {
                flags |= MemberFlags.勤学标兵;
                measures[m++] = string.Create(Invariant, $"授予“勤学标兵”称号（带头学习提高评价{学习提高:0.##}分）");
            }

            if (创造佳绩 >= 称号评分线)
            {
                flags |= MemberFlags.敬业模范;
                measures[m++] = string.Create(Invariant, $"授予“敬业模范”称号（带头创造佳绩评价{创造佳绩:0.##}分）");
            }

            if (服务群众 >= 称号评分线)
            {
                flags |= MemberFlags.为民先锋;
                measures[m++] = string.Create(Invariant, $"授予“为民先锋”称号（带头服务群众评价{服务群众:0.##}分）");
            }

            if (遵纪守法 >= 称号评分线)
            {
                flags |= MemberFlags.自律表率;
                measures[m++] = string.Create(Invariant, $"授予“自律表率”称号（带头遵纪守法评价{遵纪守法:0.##}分）");
            }

            if (弘扬正气 >= 称号评分线)
            {
                flags |= MemberFlags.和谐卫士;
                measures[m++] = string.Create(Invariant, $"授予“和谐卫士”称号（带头弘扬正气评价{弘扬正气:0.##}分）");
            }
        }

        // ---- items and total: each leaf starts at its score or full points, takes what the rules did, clamps and rounds
        var items = result.Items;
        items[1] = Item(学习提高 * 15 / 100, 0, 15);
        items[2] = Item(创造佳绩 * 15 / 100, 0, 15);
        items[3] = Item(服务群众 * 15 / 100, 0, 15);
        items[4] = Item(遵纪守法 * 15 / 100, 0, 15);
        items[5] = Item(弘扬正气 * 15 / 100, 0, 15);
        items[0] = Item(items[1] + items[2] + items[3] + items[4] + items[5], 0, 75);
        items[6] = Item(10, 组织生活加减分, 10);
        items[7] = Item(5, 党费加减分, 5);
        items[8] = Item(10, 纪律加减分, 10);
        var total = Round(items[0] + items[6] + items[7] + items[8]);

        // ---- level: by score; the vetoes force 不合格, else the gates cap; 预备党员 get none
        var scoreLevel = total >= 90 ? MemberLevel.优秀 : total >= 70 ? MemberLevel.合格 : total >= 60 ? MemberLevel.基本合格 : MemberLevel.不合格;
        var cap = member.处分 == Discipline.撤销党内职务 ? MemberLevel.基本合格 : member.处分 != Discipline.无 ? MemberLevel.合格 : MemberLevel.优秀;
        var forced = 群众信任度 < 信任度底线 || 构成自行脱党 || member.处分 == Discipline.留党察看;
        var level = 预备党员 ? MemberLevel.不定等级
            : forced ? MemberLevel.不合格
            : (MemberLevel)Math.Max((int)scoreLevel, (int)cap);

        // ---- rules that read the level
        m = LevelMeasures(level, total, 群众信任度, measures, m);

        result.Total = total;
        result.ScoreLevel = scoreLevel;
        result.Level = level;
        result.QuotaCap = 0;
        result.Trust = 群众信任度;
        result.Flags = flags;
        result.MeasureCount = m;
    }

    /// <summary>
    /// The quota 优秀比例 over one organisation's members, graded in list order: of the members graded 优秀, those beyond
    /// a third of the graded members (rounded down) are moved to 合格, ranked by 总分, then 五带五争, then 群众信任度
    /// (higher first), then list order. <paramref name="order"/> is a scratch buffer at least <paramref name="count"/> long.
    /// </summary>
    public static void ApplyQuota(MemberResult[] members, int count, int[] order)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(order);
        int graded = 0, excellent = 0;
        for (var i = 0; i < count; i++)
        {
            var level = members[i].Level;
            graded += level != MemberLevel.不定等级 ? 1 : 0;
            if (level == MemberLevel.优秀)
            {
                order[excellent++] = i;
            }
        }

        var allowed = (int)Math.Floor((优秀比例 * graded) + 1e-9);
        if (excellent <= allowed)
        {
            return;
        }

        // Insertion sort: the excellent members of one organisation are few.
        for (var i = 1; i < excellent; i++)
        {
            var x = order[i];
            var j = i - 1;
            while (j >= 0 && Before(members[x], x, members[order[j]], order[j]))
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = x;
        }

        for (var p = allowed; p < excellent; p++)
        {
            // 优秀 → 合格: no rule of the scheme reads 合格 or 优秀, so the measures stay as they are.
            var moved = members[order[p]];
            moved.Level = MemberLevel.合格;
            moved.QuotaCap = (int)MemberLevel.合格;
        }
    }

    private static bool Before(MemberResult a, int ai, MemberResult b, int bi) =>
        a.Total != b.Total ? a.Total > b.Total
        : a.Items[0] != b.Items[0] ? a.Items[0] > b.Items[0]
        : a.Trust != b.Trust ? a.Trust > b.Trust
        : ai < bi;

    private static int LevelMeasures(MemberLevel level, double total, double 群众信任度, string[] measures, int m)
    {
        if (level == MemberLevel.基本合格)
        {
            measures[m++] = string.Create(Invariant, $"评为基本合格（总分{total:0.##}分）：党支部书记或支委谈心谈话，针对失分项目帮助改进");
        }

        if (level == MemberLevel.不合格)
        {
            measures[m++] = string.Create(Invariant,
                $"评为不合格党员（总分{total:0.##}分，群众信任度{Percent(群众信任度):0.#}%）：党支部批评教育、限期改正；经教育仍无转变的，劝其退党或予以除名");
        }

        return m;
    }

    private static double Rate(RaterScores s) => Round((自评权重 * s.自评) + (群众评权重 * s.群众评) + (领导评权重 * s.领导评));

    private static double Item(double start, double adjustment, double points) => Round(Math.Min(Math.Max(start + adjustment, 0), points));

    /// <summary>The scheme's precision: 2 decimals, halves away from zero.</summary>
    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary><c>round(x * 100, 1)</c>: halves away from zero on the value's decimal form, as the scheme language rounds.</summary>
    private static decimal Percent(double share) => Math.Round((decimal)(share * 100), 1, MidpointRounding.AwayFromZero);
}
