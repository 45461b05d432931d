using System.Globalization;
using NRules;
using NRules.Fluent;

namespace GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;

/// <summary>
/// Grades members with the hand-written NRules rules: one session factory, compiled once, and one session per
/// <see cref="SessionSize"/> members. NRules' cost per fact grows with the facts in a session: per member, sessions of
/// 100 to 500 cost the same, 1,000 about twice as much, 4,000 more again; a session costs about 5 µs to create.
/// </summary>
internal static class MemberWudaiFluent
{
    /// <summary>Members per session.</summary>
    public const int SessionSize = 100;

    /// <summary>Every rule class, in the scheme's order (rules, gates, vetoes, then the two steps that move a grade on).</summary>
    public static readonly Type[] RuleTypes =
    [
        typeof(缺席组织生活Rule), typeof(党费未按时交纳Rule), typeof(受党纪处分Rule), typeof(自行脱党认定Rule), typeof(预备党员不定等级Rule),
        typeof(预备党员信任度过低Rule), typeof(授予勤学标兵Rule), typeof(授予敬业模范Rule), typeof(授予为民先锋Rule), typeof(授予自律表率Rule),
        typeof(授予和谐卫士Rule), typeof(基本合格帮扶Rule), typeof(不合格处置Rule), typeof(受处分不评优秀Gate), typeof(撤职处分最高基本合格Gate),
        typeof(群众信任度过低Veto), typeof(自行脱党否决Veto), typeof(留党察看否决Veto), typeof(评分项与总分Rule), typeof(等级Rule),
    ];

    private static readonly Lazy<ISessionFactory> Compiled = new(CompileFactory);

    /// <summary>The session factory, compiled on first use.</summary>
    public static ISessionFactory Factory => Compiled.Value;

    /// <summary>Loads the rule classes into a new repository and compiles them into a new session factory.</summary>
    public static ISessionFactory CompileFactory()
    {
        var repository = new RuleRepository();

        // The rule classes are internal: without PrivateTypes(true) the repository skips them without a word.
        repository.Load(spec => spec.PrivateTypes(true).From(RuleTypes));
        var loaded = repository.GetRules().Count();
        if (loaded != RuleTypes.Length)
        {
            throw new InvalidOperationException($"{loaded} of {RuleTypes.Length} member-wudai rules loaded.");
        }

        return repository.Compile();
    }

    /// <summary>Grades members, each into a new <see cref="MemberGrade"/>, in order.</summary>
    public static MemberGrade[] Grade(IReadOnlyList<MemberFacts> members)
    {
        ArgumentNullException.ThrowIfNull(members);
        var factory = Factory;
        var grades = new MemberGrade[members.Count];
        var batch = new MemberGrade[SessionSize];
        for (var start = 0; start < grades.Length; start += SessionSize)
        {
            var count = Math.Min(SessionSize, grades.Length - start);
            if (count < batch.Length)
            {
                batch = new MemberGrade[count];
            }

            for (var i = 0; i < count; i++)
            {
                batch[i] = grades[start + i] = new MemberGrade(members[start + i]);
            }

            var session = factory.CreateSession();
            session.InsertAll(batch);
            session.Fire();
        }

        return grades;
    }
}

/// <summary>The measures' texts, with numbers shown as the scheme's messages show them.</summary>
internal static class Texts
{
    public const string 预备党员不定等级 = "预备党员参加评议、不定等级，评议情况作为预备期考察和能否按期转正的依据";

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly string[] DisciplineNames = Enum.GetNames<Discipline>();

    public static string 缺席组织生活(MemberGrade g) => string.Create(Invariant,
        $"全年参加组织生活{g.Member.参加组织生活次数}次（应{g.Member.应参加组织生活次数}次），参加组织生活扣{Math.Min(g.缺席次数 * MemberGrade.每次缺席扣分, 10)}分");

    public static string 党费未按时交纳(MemberGrade g) => string.Create(Invariant,
        $"党费按时交纳{g.Member.按时交纳党费月数}个月（应{g.Member.应交党费月数}个月），按时交纳党费扣{Math.Min(g.未按时交费月数 * MemberGrade.每月党费扣分, 5)}分");

    public static string 受党纪处分(MemberGrade g) => string.Create(Invariant,
        $"本年度受{DisciplineNames[(int)g.Member.处分]}处分，遵守纪律扣{g.处分扣分}分，当年不得评为优秀");

    public static string 自行脱党认定(MemberGrade g) => string.Create(Invariant,
        $"连续未参加组织生活{g.Member.连续未参加组织生活月数}个月、未交纳党费{g.Member.连续未交党费月数}个月、未做党所分配的工作{g.Member.连续未做分配工作月数}个月，符合自行脱党情形：党支部核实后提交支部党员大会决定除名，报上级党组织批准");

    public static string 预备党员信任度过低(MemberGrade g) => string.Create(Invariant,
        $"预备党员群众信任度{Percent(g.群众信任度):0.#}%，低于{Math.Round(MemberGrade.信任度底线 * 100, MidpointRounding.AwayFromZero)}%：党支部加强教育考察，视情况延长预备期或取消预备党员资格");

    public static string 称号(string flag, string rating, double score) => string.Create(Invariant, $"授予“{flag}”称号（{rating}评价{score:0.####}分）");

    public static string 基本合格帮扶(MemberGrade g) => string.Create(Invariant,
        $"评为基本合格（总分{g.Total:0.####}分）：党支部书记或支委谈心谈话，针对失分项目帮助改进");

    public static string 不合格处置(MemberGrade g) => string.Create(Invariant,
        $"评为不合格党员（总分{g.Total:0.####}分，群众信任度{Percent(g.群众信任度):0.#}%）：党支部批评教育、限期改正；经教育仍无转变的，劝其退党或予以除名");

    /// <summary><c>round(x * 100, 1)</c>: halves away from zero on the value's decimal form, as the scheme language rounds.</summary>
    private static decimal Percent(double share) => Math.Round((decimal)(share * 100), 1, MidpointRounding.AwayFromZero);
}
