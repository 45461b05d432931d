using GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;

namespace GradingEngine.Benchmarks.Baseline;

/// <summary>
/// A leadership team's inputs as team-sihao declares them: the typed row a developer would write (input ids as
/// property names, defaults as initial values). Plain C#: the engine's typed path binds it by name, the hand-written
/// baseline reads it directly.
/// </summary>
internal sealed class TeamRow
{
    public string Id { get; init; } = string.Empty;

    public int 受处分人数 { get; init; }

    public bool 严重违纪 { get; init; }

    public RaterScores 政治素质 { get; init; }

    public RaterScores 勤政廉洁 { get; init; }

    public RaterScores 团结协作 { get; init; }

    public RaterScores 作风形象 { get; init; }

    public RaterScores 政治信念 { get; init; }

    public RaterScores 创新能力 { get; init; }

    public RaterScores 实干精神 { get; init; }

    public RaterScores 民主观念 { get; init; }

    public RaterScores 廉洁自律 { get; init; }
}

/// <summary>An organisation's inputs as org-sanfenlei declares them, with its members (member-wudai) and its team (team-sihao).</summary>
internal sealed class OrganisationRow
{
    public string Id { get; init; } = string.Empty;

    public List<MemberFacts> 党员 { get; init; } = [];

    public TeamRow 班子 { get; init; } = new();

    public int 党员人数 { get; init; }

    public bool 设支部委员会 { get; init; }

    public bool 设党小组 { get; init; }

    public int 书记空缺月数 { get; init; }

    public bool 班子健全 { get; init; }

    public bool 按期换届 { get; init; }

    public bool 严重违纪 { get; init; }

    public bool 有年度工作计划 { get; init; }

    public bool 年度计划落实 { get; init; }

    public int 支部委员会次数 { get; init; }

    public int 党小组会次数 { get; init; }

    public int 党员大会次数 { get; init; }

    public int 党课次数 { get; init; }

    public int 主题党日次数 { get; init; }

    public bool 组织生活会已召开 { get; init; }

    public bool 民主评议已开展 { get; init; }

    public bool 党务公开 { get; init; }

    public int 最长连续未开展活动月数 { get; init; }

    public bool 有活动阵地 { get; init; }

    public bool 工作经费落实 { get; init; }

    public bool 党费收缴规范 { get; init; }

    public int 连续未发展党员年数 { get; init; }

    public bool 发生重大群体性事件 { get; init; }

    public bool 年度考核末位 { get; init; }

    public int 评议定等人数 { get; init; }

    public int 评议优秀合格人数 { get; init; }

    public int 评议不合格人数 { get; init; }

    public int 很满意人数 { get; init; }

    public int 满意人数 { get; init; }

    public int 基本满意人数 { get; init; }

    public int 不太满意人数 { get; init; }

    public int 不满意人数 { get; init; }
}

/// <summary>The sample organisations' input dictionaries (<see cref="OrganisationSamples"/>) as typed rows, defaults applied as the schemes declare them.</summary>
internal static class OrganisationRows
{
    public static OrganisationRow FromDictionary(IReadOnlyDictionary<string, object?> org)
    {
        ArgumentNullException.ThrowIfNull(org);
        var members = org.TryGetValue("党员", out var list) && list is IEnumerable<object?> items
            ? items.Select(m => MemberInput.ToFacts((IReadOnlyDictionary<string, object?>)m!)).ToList()
            : [];
        return new OrganisationRow
        {
            Id = (string)org["id"]!,
            党员 = members,
            班子 = Team((IReadOnlyDictionary<string, object?>)org["班子"]!),
            党员人数 = Int(org, "党员人数", 0),
            设支部委员会 = Bool(org, "设支部委员会"),
            设党小组 = Bool(org, "设党小组"),
            书记空缺月数 = Int(org, "书记空缺月数", 0),
            班子健全 = Bool(org, "班子健全"),
            按期换届 = Bool(org, "按期换届"),
            严重违纪 = Bool(org, "严重违纪", false),
            有年度工作计划 = Bool(org, "有年度工作计划"),
            年度计划落实 = Bool(org, "年度计划落实"),
            支部委员会次数 = Int(org, "支部委员会次数"),
            党小组会次数 = Int(org, "党小组会次数"),
            党员大会次数 = Int(org, "党员大会次数"),
            党课次数 = Int(org, "党课次数"),
            主题党日次数 = Int(org, "主题党日次数"),
            组织生活会已召开 = Bool(org, "组织生活会已召开"),
            民主评议已开展 = Bool(org, "民主评议已开展"),
            党务公开 = Bool(org, "党务公开"),
            最长连续未开展活动月数 = Int(org, "最长连续未开展活动月数", 0),
            有活动阵地 = Bool(org, "有活动阵地"),
            工作经费落实 = Bool(org, "工作经费落实"),
            党费收缴规范 = Bool(org, "党费收缴规范"),
            连续未发展党员年数 = Int(org, "连续未发展党员年数", 0),
            发生重大群体性事件 = Bool(org, "发生重大群体性事件", false),
            年度考核末位 = Bool(org, "年度考核末位", false),
            评议定等人数 = Int(org, "评议定等人数", 0),
            评议优秀合格人数 = Int(org, "评议优秀合格人数", 0),
            评议不合格人数 = Int(org, "评议不合格人数", 0),
            很满意人数 = Int(org, "很满意人数", 0),
            满意人数 = Int(org, "满意人数", 0),
            基本满意人数 = Int(org, "基本满意人数", 0),
            不太满意人数 = Int(org, "不太满意人数", 0),
            不满意人数 = Int(org, "不满意人数", 0),
        };
    }

    public static TeamRow Team(IReadOnlyDictionary<string, object?> team)
    {
        ArgumentNullException.ThrowIfNull(team);
        return new TeamRow
        {
            Id = team.TryGetValue("id", out var id) ? id?.ToString() ?? string.Empty : string.Empty,
            受处分人数 = Int(team, "受处分人数", 0),
            严重违纪 = Bool(team, "严重违纪", false),
            政治素质 = Rating(team, "政治素质"),
            勤政廉洁 = Rating(team, "勤政廉洁"),
            团结协作 = Rating(team, "团结协作"),
            作风形象 = Rating(team, "作风形象"),
            政治信念 = Rating(team, "政治信念"),
            创新能力 = Rating(team, "创新能力"),
            实干精神 = Rating(team, "实干精神"),
            民主观念 = Rating(team, "民主观念"),
            廉洁自律 = Rating(team, "廉洁自律"),
        };
    }

    private static RaterScores Rating(IReadOnlyDictionary<string, object?> subject, string rating)
    {
        var scores = (IReadOnlyDictionary<string, object?>)subject[rating]!;
        return new RaterScores(Number(scores, "自评"), Number(scores, "群众评"), Number(scores, "领导评"));
    }

    private static double Number(IReadOnlyDictionary<string, object?> subject, string field) =>
        Convert.ToDouble(subject[field], System.Globalization.CultureInfo.InvariantCulture);

    private static int Int(IReadOnlyDictionary<string, object?> subject, string field, int? fallback = null) =>
        subject.TryGetValue(field, out var value) && value is int n ? n : fallback ?? throw new KeyNotFoundException(field);

    private static bool Bool(IReadOnlyDictionary<string, object?> subject, string field, bool? fallback = null) =>
        subject.TryGetValue(field, out var value) && value is bool b ? b : fallback ?? throw new KeyNotFoundException(field);
}
