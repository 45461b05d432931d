using GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;

namespace GradingEngine.Benchmarks.Baseline;

/// <summary>
/// An organisation's typed row (<see cref="OrganisationRow"/>) turned into the dictionaries the engine's dictionary
/// path takes, the way a caller writes it: a new <see cref="Dictionary{TKey, TValue}"/> per subject and per rating, every
/// input given by its id, values boxed, members in a <see cref="List{T}"/>. What filling costs is the yardstick of the
/// dictionary path: the engine's own work on a dictionary should cost no more than the caller's filling it.
/// </summary>
internal static class OrganisationDictionaries
{
    public static Dictionary<string, object?> Fill(OrganisationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var members = new List<object?>(row.党员.Count);
        foreach (var member in row.党员)
        {
            members.Add(Member(member));
        }

        return new Dictionary<string, object?>
        {
            ["id"] = row.Id,
            ["党员"] = members,
            ["班子"] = Team(row.班子),
            ["党员人数"] = row.党员人数,
            ["设支部委员会"] = row.设支部委员会,
            ["设党小组"] = row.设党小组,
            ["书记空缺月数"] = row.书记空缺月数,
            ["班子健全"] = row.班子健全,
            ["按期换届"] = row.按期换届,
            ["严重违纪"] = row.严重违纪,
            ["有年度工作计划"] = row.有年度工作计划,
            ["年度计划落实"] = row.年度计划落实,
            ["支部委员会次数"] = row.支部委员会次数,
            ["党小组会次数"] = row.党小组会次数,
            ["党员大会次数"] = row.党员大会次数,
            ["党课次数"] = row.党课次数,
            ["主题党日次数"] = row.主题党日次数,
            ["组织生活会已召开"] = row.组织生活会已召开,
            ["民主评议已开展"] = row.民主评议已开展,
            ["党务公开"] = row.党务公开,
            ["最长连续未开展活动月数"] = row.最长连续未开展活动月数,
            ["有活动阵地"] = row.有活动阵地,
            ["工作经费落实"] = row.工作经费落实,
            ["党费收缴规范"] = row.党费收缴规范,
            ["连续未发展党员年数"] = row.连续未发展党员年数,
            ["发生重大群体性事件"] = row.发生重大群体性事件,
            ["年度考核末位"] = row.年度考核末位,
            ["评议定等人数"] = row.评议定等人数,
            ["评议优秀合格人数"] = row.评议优秀合格人数,
            ["评议不合格人数"] = row.评议不合格人数,
            ["很满意人数"] = row.很满意人数,
            ["满意人数"] = row.满意人数,
            ["基本满意人数"] = row.基本满意人数,
            ["不太满意人数"] = row.不太满意人数,
            ["不满意人数"] = row.不满意人数,
        };
    }

    private static Dictionary<string, object?> Member(MemberFacts member) => new()
    {
        ["id"] = member.Id,
        ["党员类型"] = member.党员类型.ToString(),
        ["应参加组织生活次数"] = member.应参加组织生活次数,
        ["参加组织生活次数"] = member.参加组织生活次数,
        ["应交党费月数"] = member.应交党费月数,
        ["按时交纳党费月数"] = member.按时交纳党费月数,
        ["连续未参加组织生活月数"] = member.连续未参加组织生活月数,
        ["连续未交党费月数"] = member.连续未交党费月数,
        ["连续未做分配工作月数"] = member.连续未做分配工作月数,
        ["有正当理由"] = member.有正当理由,
        ["处分"] = member.处分.ToString(),
        ["测评票数"] = member.测评票数,
        ["信任票数"] = member.信任票数,
        ["学习提高"] = Rating(member.学习提高),
        ["创造佳绩"] = Rating(member.创造佳绩),
        ["服务群众"] = Rating(member.服务群众),
        ["遵纪守法"] = Rating(member.遵纪守法),
        ["弘扬正气"] = Rating(member.弘扬正气),
    };

    private static Dictionary<string, object?> Team(TeamRow team) => new()
    {
        ["id"] = team.Id,
        ["受处分人数"] = team.受处分人数,
        ["严重违纪"] = team.严重违纪,
        ["政治素质"] = Rating(team.政治素质),
        ["勤政廉洁"] = Rating(team.勤政廉洁),
        ["团结协作"] = Rating(team.团结协作),
        ["作风形象"] = Rating(team.作风形象),
        ["政治信念"] = Rating(team.政治信念),
        ["创新能力"] = Rating(team.创新能力),
        ["实干精神"] = Rating(team.实干精神),
        ["民主观念"] = Rating(team.民主观念),
        ["廉洁自律"] = Rating(team.廉洁自律),
    };

    private static Dictionary<string, object?> Rating(RaterScores scores) => new()
    {
        ["自评"] = scores.自评,
        ["群众评"] = scores.群众评,
        ["领导评"] = scores.领导评,
    };
}
