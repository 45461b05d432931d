using GradingEngine.Benchmarks.Baseline.MemberWudaiFluent;

namespace GradingEngine.Benchmarks.Baseline;

/// <summary>
/// One organisation graded by hand with its team and members: every member by <see cref="MemberByHand"/>, the quota
/// 优秀比例 over them, the team by <see cref="TeamByHand"/>, then the organisation by <see cref="OrganisationByHand"/> fed
/// those results. Reusable: <see cref="WholeOrganisationByHand.Grade"/> overwrites it, and its member results and
/// buffers grow to the largest organisation seen.
/// </summary>
internal sealed class WholeOrganisationResult
{
    private MemberResult[] _members = [];

    /// <summary>The members' results, in list order; the first <see cref="MemberCount"/> are this organisation's.</summary>
    public MemberResult[] Members => _members;

    public int MemberCount { get; private set; }

    public TeamResult Team { get; } = new();

    public OrganisationResult Organisation { get; } = new();

    /// <summary>What the organisation scheme reads of each member, passed to <see cref="OrganisationByHand"/>.</summary>
    internal MemberOutcome[] Outcomes { get; private set; } = [];

    /// <summary>Scratch for the quota's ranking.</summary>
    internal int[] Order { get; private set; } = [];

    /// <summary>Makes room for <paramref name="count"/> members.</summary>
    internal void Reserve(int count)
    {
        if (_members.Length < count)
        {
            var grown = new MemberResult[Math.Max(count, _members.Length * 2)];
            _members.CopyTo(grown, 0);
            for (var i = _members.Length; i < grown.Length; i++)
            {
                grown[i] = new MemberResult();
            }

            _members = grown;
            Outcomes = new MemberOutcome[grown.Length];
            Order = new int[grown.Length];
        }

        MemberCount = count;
    }
}

/// <summary>org-sanfenlei with its linked schemes member-wudai and team-sihao, by hand.</summary>
internal static class WholeOrganisationByHand
{
    /// <summary>Grades one organisation with its team and members into a new result.</summary>
    public static WholeOrganisationResult Grade(OrganisationRow org)
    {
        var result = new WholeOrganisationResult();
        Grade(org, result);
        return result;
    }

    /// <summary>Grades one organisation with its team and members, overwriting <paramref name="result"/>.</summary>
    public static void Grade(OrganisationRow org, WholeOrganisationResult result)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(result);

        // ---- members, then the quota over them
        var list = org.党员;
        var count = list.Count;
        result.Reserve(count);
        var members = result.Members;
        for (var i = 0; i < count; i++)
        {
            MemberByHand.Grade(list[i], members[i]);
        }

        MemberByHand.ApplyQuota(members, count, result.Order);
        var outcomes = result.Outcomes;
        for (var i = 0; i < count; i++)
        {
            outcomes[i] = new MemberOutcome(members[i].Level, (members[i].Flags & MemberFlags.自行脱党) != 0);
        }

        // ---- the team
        var team = result.Team;
        TeamByHand.Grade(org.班子, team);

        // ---- the organisation, reading what its members' and team's grades say
        var input = new OrganisationInput
        {
            党员 = outcomes.AsMemory(0, count),
            班子等级 = team.Level,
            班子总分 = team.Total,
            班子严重违纪 = org.班子.严重违纪,
            党员人数 = org.党员人数,
            设支部委员会 = org.设支部委员会,
            设党小组 = org.设党小组,
            书记空缺月数 = org.书记空缺月数,
            班子健全 = org.班子健全,
            按期换届 = org.按期换届,
            严重违纪 = org.严重违纪,
            有年度工作计划 = org.有年度工作计划,
            年度计划落实 = org.年度计划落实,
            支部委员会次数 = org.支部委员会次数,
            党小组会次数 = org.党小组会次数,
            党员大会次数 = org.党员大会次数,
            党课次数 = org.党课次数,
            主题党日次数 = org.主题党日次数,
            组织生活会已召开 = org.组织生活会已召开,
            民主评议已开展 = org.民主评议已开展,
            党务公开 = org.党务公开,
            最长连续未开展活动月数 = org.最长连续未开展活动月数,
            有活动阵地 = org.有活动阵地,
            工作经费落实 = org.工作经费落实,
            党费收缴规范 = org.党费收缴规范,
            连续未发展党员年数 = org.连续未发展党员年数,
            发生重大群体性事件 = org.发生重大群体性事件,
            年度考核末位 = org.年度考核末位,
            评议定等人数 = org.评议定等人数,
            评议优秀合格人数 = org.评议优秀合格人数,
            评议不合格人数 = org.评议不合格人数,
            很满意人数 = org.很满意人数,
            满意人数 = org.满意人数,
            基本满意人数 = org.基本满意人数,
            不太满意人数 = org.不太满意人数,
            不满意人数 = org.不满意人数,
        };
        OrganisationByHand.Grade(in input, result.Organisation);
    }
}
