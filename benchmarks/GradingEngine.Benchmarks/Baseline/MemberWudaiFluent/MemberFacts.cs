namespace GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;

// The member scheme schemes/member-wudai.json (五带五争, version 2026.1) written by hand as NRules Fluent rules, the way
// someone who knows NRules writes them for speed: the yardstick for the NRules back end generated from the scheme. Like
// OrganisationByHand it knows nothing of the engine: every number is the scheme's default, written in as a constant.
// If the scheme changes, this folder must change with it; MemberWudaiVerification checks it against the engine.

/// <summary>党员类型.</summary>
internal enum MemberType : byte
{
    正式党员,
    预备党员,
}

/// <summary>本年度受党纪处分, in the scheme's order.</summary>
internal enum Discipline : byte
{
    无,
    警告,
    严重警告,
    撤销党内职务,
    留党察看,
}

/// <summary>The scheme's flags; <see cref="MemberGrade.FlagIds"/> lists them in declaration order.</summary>
[Flags]
internal enum MemberFlags : byte
{
    None = 0,
    自行脱党 = 1,
    勤学标兵 = 2,
    敬业模范 = 4,
    为民先锋 = 8,
    自律表率 = 16,
    和谐卫士 = 32,
}

/// <summary>
/// Stage fact: the member's items and total are scored (inserted by the rule 评分项与总分). Inserting a small fact of
/// its own type moves a member on without updating its grade: an update re-evaluates every condition on the grade and
/// revisits the agenda, and costs twice as much.
/// </summary>
internal sealed class ScoredMember(MemberGrade grade)
{
    public MemberGrade Grade { get; } = grade;
}

/// <summary>Stage fact: the member's level is decided (inserted by the rule 等级).</summary>
internal sealed class LevelledMember(MemberGrade grade)
{
    public MemberGrade Grade { get; } = grade;
}

/// <summary>One rating's three rater scores (三评), each 0–100.</summary>
internal readonly record struct RaterScores(double 自评, double 群众评, double 领导评);

/// <summary>One member's inputs, as member-wudai declares them (ids as property names, defaults applied).</summary>
internal sealed class MemberFacts
{
    public string Id { get; init; } = string.Empty;

    public MemberType 党员类型 { get; init; }

    public int 应参加组织生活次数 { get; init; }

    public int 参加组织生活次数 { get; init; }

    public int 应交党费月数 { get; init; } = 12;

    public int 按时交纳党费月数 { get; init; }

    public int 连续未参加组织生活月数 { get; init; }

    public int 连续未交党费月数 { get; init; }

    public int 连续未做分配工作月数 { get; init; }

    public bool 有正当理由 { get; init; }

    public Discipline 处分 { get; init; }

    public int 测评票数 { get; init; }

    public int 信任票数 { get; init; }

    public RaterScores 学习提高 { get; init; }

    public RaterScores 创造佳绩 { get; init; }

    public RaterScores 服务群众 { get; init; }

    public RaterScores 遵纪守法 { get; init; }

    public RaterScores 弘扬正气 { get; init; }
}

/// <summary>
/// The one result fact per member: the member's inputs, the scheme's values (computed once when the fact is made, since
/// they read inputs only), and the grade the rules build. Inserted once and never updated: rules write it in their
/// actions, and the stage facts <see cref="ScoredMember"/> and <see cref="LevelledMember"/> carry it to later rules.
/// A plain class on purpose: NRules compares fact identity with <see cref="object.Equals(object)"/>, so a record would
/// make two members with equal inputs one fact.
/// </summary>
internal sealed class MemberGrade
{
    /// <summary>Every item of the scheme's tree, parents before their sub-items (the order of the engine's result).</summary>
    public static readonly string[] ItemIds = ["五带五争", "带头学习提高", "带头创造佳绩", "带头服务群众", "带头遵纪守法", "带头弘扬正气", "参加组织生活", "按时交纳党费", "遵守纪律"];

    /// <summary>The flags in declaration order; flag i is bit i of <see cref="MemberFlags"/>.</summary>
    public static readonly string[] FlagIds = ["自行脱党", "勤学标兵", "敬业模范", "为民先锋", "自律表率", "和谐卫士"];

    // The scheme's rater weights and policy values.
    public const double 自评权重 = 0.2;
    public const double 群众评权重 = 0.4;
    public const double 领导评权重 = 0.4;
    public const int 每次缺席扣分 = 1;
    public const int 每月党费扣分 = 1;
    public const double 称号评分线 = 95;
    public const double 信任度底线 = 0.5;
    public const int 脱党月数 = 6;
    public const bool 脱党须三项同时具备 = false;

    private List<string>? _measures;

    public MemberGrade(MemberFacts member)
    {
        ArgumentNullException.ThrowIfNull(member);
        Member = member;

        // Ratings: the weighted sum of the three raters' scores, rounded to the scheme's precision.
        学习提高 = Rate(member.学习提高);
        创造佳绩 = Rate(member.创造佳绩);
        服务群众 = Rate(member.服务群众);
        遵纪守法 = Rate(member.遵纪守法);
        弘扬正气 = Rate(member.弘扬正气);

        // Values.
        缺席次数 = Math.Max(member.应参加组织生活次数 - member.参加组织生活次数, 0);
        未按时交费月数 = Math.Max(member.应交党费月数 - member.按时交纳党费月数, 0);
        群众信任度 = member.测评票数 == 0 ? 1 : Math.Min((double)member.信任票数 / member.测评票数, 1);
        处分扣分 = member.处分 switch
        {
            Discipline.警告 => 4,
            Discipline.严重警告 => 6,
            Discipline.撤销党内职务 => 8,
            Discipline.留党察看 => 10,
            _ => 0,
        };
        var 长期不参加组织生活 = member.连续未参加组织生活月数 >= 脱党月数;
        var 长期不交党费 = member.连续未交党费月数 >= 脱党月数;
        var 长期不做分配工作 = member.连续未做分配工作月数 >= 脱党月数;
        构成自行脱党 = !member.有正当理由 && (脱党须三项同时具备
            ? 长期不参加组织生活 && 长期不交党费 && 长期不做分配工作
            : 长期不参加组织生活 || 长期不交党费 || 长期不做分配工作);
        称号资格 = member.处分 == Discipline.无 && 群众信任度 >= 信任度底线 && !构成自行脱党;
    }

    public MemberFacts Member { get; }

    public double 学习提高 { get; }

    public double 创造佳绩 { get; }

    public double 服务群众 { get; }

    public double 遵纪守法 { get; }

    public double 弘扬正气 { get; }

    public int 缺席次数 { get; }

    public int 未按时交费月数 { get; }

    public double 群众信任度 { get; }

    public int 处分扣分 { get; }

    public bool 构成自行脱党 { get; }

    public bool 称号资格 { get; }

    /// <summary>What rules awarded (+) or deducted (−) on 参加组织生活, 按时交纳党费 and 遵守纪律.</summary>
    public double 参加组织生活加减分 { get; set; }

    public double 按时交纳党费加减分 { get; set; }

    public double 遵守纪律加减分 { get; set; }

    /// <summary>Item scores, in the order of <see cref="ItemIds"/>; set when the rules are done.</summary>
    public double[] Items { get; } = new double[9];

    public double Total { get; set; }

    public MemberLevel ScoreLevel { get; set; }

    /// <summary>The level; <see cref="MemberLevel.不定等级"/> when withheld.</summary>
    public MemberLevel Level { get; set; }

    /// <summary>The worst level a veto forced (−1: none).</summary>
    public int Forced { get; set; } = -1;

    /// <summary>The best level a gate allows (0: no cap).</summary>
    public int Cap { get; set; }

    public bool Withheld { get; set; }

    public MemberFlags Flags { get; set; }

    /// <summary>The measures, in the order the rules fired.</summary>
    public IReadOnlyList<string> Measures => _measures ?? (IReadOnlyList<string>)[];

    public void AddMeasure(string text) => (_measures ??= new List<string>(4)).Add(text);

    public void Raise(MemberFlags flag) => Flags |= flag;

    public void CapAt(MemberLevel level) => Cap = Math.Max(Cap, (int)level);

    public void Force(MemberLevel level) => Forced = Math.Max(Forced, (int)level);

    /// <summary>The items and the total: each leaf starts at its score or full points, takes what rules did, clamps and rounds.</summary>
    public void Score()
    {
        var items = Items;
        items[1] = Item(学习提高 * 15 / 100, 0, 15);
        items[2] = Item(创造佳绩 * 15 / 100, 0, 15);
        items[3] = Item(服务群众 * 15 / 100, 0, 15);
        items[4] = Item(遵纪守法 * 15 / 100, 0, 15);
        items[5] = Item(弘扬正气 * 15 / 100, 0, 15);
        items[0] = Item(items[1] + items[2] + items[3] + items[4] + items[5], 0, 75);
        items[6] = Item(10, 参加组织生活加减分, 10);
        items[7] = Item(5, 按时交纳党费加减分, 5);
        items[8] = Item(10, 遵守纪律加减分, 10);
        Total = Round(items[0] + items[6] + items[7] + items[8]);
    }

    /// <summary>The level by score, then a veto forces, else gates cap; a withheld level is none.</summary>
    public void Grade()
    {
        ScoreLevel = Total >= 90 ? MemberLevel.优秀 : Total >= 70 ? MemberLevel.合格 : Total >= 60 ? MemberLevel.基本合格 : MemberLevel.不合格;
        Level = Withheld ? MemberLevel.不定等级
            : Forced >= 0 ? (MemberLevel)Forced
            : (MemberLevel)Math.Max((int)ScoreLevel, Cap);
    }

    private static double Rate(RaterScores s) => Round((自评权重 * s.自评) + (群众评权重 * s.群众评) + (领导评权重 * s.领导评));

    private static double Item(double start, double adjustment, double points) => Round(Math.Min(Math.Max(start + adjustment, 0), points));

    /// <summary>The scheme's precision: 2 decimals, halves away from zero.</summary>
    private static double Round(double value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);
}
