using NRules.Fluent.Dsl;
using NRules.RuleModel;
using static GradingEngine.Benchmarks.Baseline.MemberWudaiFluent.MemberGrade;

namespace GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;

// member-wudai's rules, gates and vetoes as NRules Fluent rules.
//
// Shape: one MemberGrade fact per member, inserted once and never updated; every rule matches one fact alone (no joins).
// NRules evaluates conditions when a fact is inserted or updated, never when a rule fires, so a rule sees what earlier
// rules wrote only through a new insert or an update. Stages are therefore fact types: the last rule of a stage inserts
// a small stage fact holding the grade, whose rules then match it (an insert costs half of what an update does).
//   MemberGrade (inserted): the scheme's rules 缺席组织生活 … 授予和谐卫士, the gates, the vetoes on inputs and values,
//                           in the engine's order by priority; last, 评分项与总分 scores the items and the total and
//                           inserts ScoredMember.
//   ScoredMember:           自行脱党否决 (reads the flag 自行脱党), then 等级 decides the level and inserts LevelledMember.
//   LevelledMember:         基本合格帮扶, 不合格处置 (read 等级).
// Every rule writes the grade it matches in its actions, so every rule is non-repeatable (no fact is ever updated, so
// nothing fires twice either way).

/// <summary>Rule priorities: higher fires first; within a stage they follow the engine's run order (so do the measures).</summary>
internal static class Priorities
{
    public const int 缺席组织生活 = 100;
    public const int 党费未按时交纳 = 99;
    public const int 受党纪处分 = 98;
    public const int 自行脱党认定 = 97;
    public const int 预备党员不定等级 = 96;
    public const int 预备党员信任度过低 = 95;
    public const int 授予勤学标兵 = 94;
    public const int 授予敬业模范 = 93;
    public const int 授予为民先锋 = 92;
    public const int 授予自律表率 = 91;
    public const int 授予和谐卫士 = 90;
    public const int 受处分不评优秀 = 89;
    public const int 撤职处分最高基本合格 = 88;
    public const int 群众信任度过低 = 87;
    public const int 留党察看否决 = 86;
    public const int 评分项与总分 = 0;
    public const int 自行脱党否决 = 85;
    public const int 等级 = -1;
    public const int 基本合格帮扶 = 84;
    public const int 不合格处置 = 83;
}

// ---------------------------------------------------------------- on MemberGrade: the scheme's rules on inputs and values

[Name("缺席组织生活"), Priority(Priorities.缺席组织生活), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 缺席组织生活Rule : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.缺席次数 > 0);
        Then().Do(_ => Act(g));
    }

    private static void Act(MemberGrade g)
    {
        g.参加组织生活加减分 -= g.缺席次数 * 每次缺席扣分;
        g.AddMeasure(Texts.缺席组织生活(g));
    }
}

[Name("党费未按时交纳"), Priority(Priorities.党费未按时交纳), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 党费未按时交纳Rule : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.未按时交费月数 > 0);
        Then().Do(_ => Act(g));
    }

    private static void Act(MemberGrade g)
    {
        g.按时交纳党费加减分 -= g.未按时交费月数 * 每月党费扣分;
        g.AddMeasure(Texts.党费未按时交纳(g));
    }
}

[Name("受党纪处分"), Priority(Priorities.受党纪处分), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 受党纪处分Rule : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.Member.处分 != Discipline.无);
        Then().Do(_ => Act(g));
    }

    private static void Act(MemberGrade g)
    {
        g.遵守纪律加减分 -= g.处分扣分;
        g.AddMeasure(Texts.受党纪处分(g));
    }
}

[Name("自行脱党认定"), Priority(Priorities.自行脱党认定), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 自行脱党认定Rule : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.构成自行脱党);
        Then().Do(_ => g.Raise(MemberFlags.自行脱党))
            .Do(_ => g.AddMeasure(Texts.自行脱党认定(g)));
    }
}

[Name("预备党员不定等级"), Priority(Priorities.预备党员不定等级), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 预备党员不定等级Rule : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.Member.党员类型 == MemberType.预备党员);
        Then().Do(_ => Withhold(g))
            .Do(_ => g.AddMeasure(Texts.预备党员不定等级));
    }

    private static void Withhold(MemberGrade g) => g.Withheld = true;
}

[Name("预备党员信任度过低"), Priority(Priorities.预备党员信任度过低), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 预备党员信任度过低Rule : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.Member.党员类型 == MemberType.预备党员 && x.群众信任度 < 信任度底线);
        Then().Do(_ => g.AddMeasure(Texts.预备党员信任度过低(g)));
    }
}

[Name("授予勤学标兵"), Priority(Priorities.授予勤学标兵), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 授予勤学标兵Rule : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.学习提高 >= 称号评分线 && x.称号资格);
        Then().Do(_ => g.Raise(MemberFlags.勤学标兵))
            .Do(_ => g.AddMeasure(Texts.称号("勤学标兵", "带头学习提高", g.学习提高)));
    }
}

[Name("授予敬业模范"), Priority(Priorities.授予敬业模范), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 授予敬业模范Rule : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.创造佳绩 >= 称号评分线 && x.称号资格);
        Then().Do(_ => g.Raise(MemberFlags.敬业模范))
            .Do(_ => g.AddMeasure(Texts.称号("敬业模范", "带头创造佳绩", g.创造佳绩)));
    }
}

[Name("授予为民先锋"), Priority(Priorities.授予为民先锋), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 授予为民先锋Rule : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.服务群众 >= 称号评分线 && x.称号资格);
        Then().Do(_ => g.Raise(MemberFlags.为民先锋))
            .Do(_ => g.AddMeasure(Texts.称号("为民先锋", "带头服务群众", g.服务群众)));
    }
}

[Name("授予自律表率"), Priority(Priorities.授予自律表率), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 授予自律表率Rule : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.遵纪守法 >= 称号评分线 && x.称号资格);
        Then().Do(_ => g.Raise(MemberFlags.自律表率))
            .Do(_ => g.AddMeasure(Texts.称号("自律表率", "带头遵纪守法", g.遵纪守法)));
    }
}

[Name("授予和谐卫士"), Priority(Priorities.授予和谐卫士), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 授予和谐卫士Rule : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.弘扬正气 >= 称号评分线 && x.称号资格);
        Then().Do(_ => g.Raise(MemberFlags.和谐卫士))
            .Do(_ => g.AddMeasure(Texts.称号("和谐卫士", "带头弘扬正气", g.弘扬正气)));
    }
}

[Name("受处分不评优秀"), Priority(Priorities.受处分不评优秀), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 受处分不评优秀Gate : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.Member.处分 != Discipline.无);
        Then().Do(_ => g.CapAt(MemberLevel.合格));
    }
}

[Name("撤职处分最高基本合格"), Priority(Priorities.撤职处分最高基本合格), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 撤职处分最高基本合格Gate : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.Member.处分 == Discipline.撤销党内职务);
        Then().Do(_ => g.CapAt(MemberLevel.基本合格));
    }
}

[Name("群众信任度过低"), Priority(Priorities.群众信任度过低), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 群众信任度过低Veto : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.群众信任度 < 信任度底线);
        Then().Do(_ => g.Force(MemberLevel.不合格));
    }
}

[Name("留党察看否决"), Priority(Priorities.留党察看否决), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 留党察看否决Veto : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g, x => x.Member.处分 == Discipline.留党察看);
        Then().Do(_ => g.Force(MemberLevel.不合格));
    }
}

/// <summary>Last on the grade: every award and deduction is in, so score the items and the total, and move on.</summary>
[Name("评分项与总分"), Priority(Priorities.评分项与总分), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 评分项与总分Rule : Rule
{
    public override void Define()
    {
        MemberGrade g = null!;
        When().Match(() => g);
        Then().Do(ctx => Next(ctx, g));
    }

    private static void Next(IContext ctx, MemberGrade g)
    {
        g.Score();
        ctx.Insert(new ScoredMember(g));
    }
}

// ---------------------------------------------------------------- on ScoredMember: the veto on a flag, then the level

[Name("自行脱党否决"), Priority(Priorities.自行脱党否决), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 自行脱党否决Veto : Rule
{
    public override void Define()
    {
        ScoredMember s = null!;
        When().Match(() => s, x => (x.Grade.Flags & MemberFlags.自行脱党) != 0);
        Then().Do(_ => s.Grade.Force(MemberLevel.不合格));
    }
}

/// <summary>The level by score, the vetoes and the gates; then move on to the rules that read 等级.</summary>
[Name("等级"), Priority(Priorities.等级), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 等级Rule : Rule
{
    public override void Define()
    {
        ScoredMember s = null!;
        When().Match(() => s);
        Then().Do(ctx => Next(ctx, s));
    }

    private static void Next(IContext ctx, ScoredMember s)
    {
        s.Grade.Grade();
        ctx.Insert(new LevelledMember(s.Grade));
    }
}

// ---------------------------------------------------------------- on LevelledMember: the rules that read 等级

[Name("基本合格帮扶"), Priority(Priorities.基本合格帮扶), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 基本合格帮扶Rule : Rule
{
    public override void Define()
    {
        LevelledMember l = null!;
        When().Match(() => l, x => x.Grade.Level == MemberLevel.基本合格);
        Then().Do(_ => l.Grade.AddMeasure(Texts.基本合格帮扶(l.Grade)));
    }
}

[Name("不合格处置"), Priority(Priorities.不合格处置), Repeatability(RuleRepeatability.NonRepeatable)]
internal sealed class 不合格处置Rule : Rule
{
    public override void Define()
    {
        LevelledMember l = null!;
        When().Match(() => l, x => x.Grade.Level == MemberLevel.不合格);
        Then().Do(_ => l.Grade.AddMeasure(Texts.不合格处置(l.Grade)));
    }
}
