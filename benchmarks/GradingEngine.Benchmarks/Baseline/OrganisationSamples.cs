using GradingEngine.Grading;

namespace GradingEngine.Benchmarks.Baseline;

/// <summary>
/// Random but valid organisations for org-sanfenlei, as the input dictionaries the engine grades (own inputs, 3–50
/// members for member-wudai, a team for team-sihao), drawn so that every rule, gate, veto and level of the scheme
/// occurs; and the conversion of one organisation and the engine's result for it into the hand-written baseline's input.
/// Shared by the baseline equality test and the benchmarks, so both see the same organisations.
/// </summary>
internal static class OrganisationSamples
{
    // Shares of 很满意, 满意, 基本满意, 不太满意 and 不满意 answers in a satisfaction survey.
    private static readonly double[] GoodSurvey = [0.85, 0.12, 0.03, 0, 0];
    private static readonly double[] MiddlingSurvey = [0.45, 0.30, 0.15, 0.07, 0.03];
    private static readonly double[] PoorSurvey = [0.10, 0.20, 0.30, 0.20, 0.20];

    /// <summary><paramref name="count"/> organisations from a fixed seed.</summary>
    public static List<Dictionary<string, object?>> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var organisations = new List<Dictionary<string, object?>>(count);
        for (var i = 0; i < count; i++)
        {
            organisations.Add(Organisation(random, i));
        }

        return organisations;
    }

    /// <summary>One organisation with its members and team.</summary>
    public static Dictionary<string, object?> Organisation(Random random, int index)
    {
        ArgumentNullException.ThrowIfNull(random);

        // How often things go wrong in this organisation: most are sound, some average, some weak.
        var p = Pick(random, (0.45, 0.02), (0.35, 0.12), (0.20, 0.35));
        var memberCount = random.Next(3, 51);
        var allProbationary = random.NextDouble() < 0.02;
        var memberQuality = Pick(random, (0.40, 0), (0.45, 1), (0.15, 2));
        var members = new List<object?>(memberCount);
        for (var i = 0; i < memberCount; i++)
        {
            members.Add(Member(random, $"O{index}-M{i}", memberQuality, allProbationary));
        }

        var org = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = $"O{index}",
            ["党员"] = members,
            ["班子"] = Team(random, $"O{index}-T", p),
            ["设支部委员会"] = memberCount >= 7 ? !Chance(random, p) : Chance(random, 0.3),
            ["设党小组"] = Chance(random, 0.7),
            ["班子健全"] = !Chance(random, p),
            ["按期换届"] = !Chance(random, p),
            ["有年度工作计划"] = !Chance(random, p),
            ["年度计划落实"] = !Chance(random, p),
            ["支部委员会次数"] = Meetings(random, p, 12),
            ["党小组会次数"] = Meetings(random, p, 12),
            ["党员大会次数"] = Meetings(random, p, 4),
            ["党课次数"] = Meetings(random, p, 4),
            ["主题党日次数"] = Meetings(random, p, 12),
            ["组织生活会已召开"] = !Chance(random, p * 0.5),
            ["民主评议已开展"] = !Chance(random, p * 0.5),
            ["党务公开"] = !Chance(random, p),
            ["有活动阵地"] = !Chance(random, p),
            ["工作经费落实"] = !Chance(random, p),
            ["党费收缴规范"] = !Chance(random, p),
        };

        // Inputs with a default are sometimes left out, so that the defaults are exercised too.
        Optional(random, org, "党员人数", random.Next(0, 60));
        Optional(random, org, "书记空缺月数", Chance(random, p) ? random.Next(1, 9) : 0);
        Optional(random, org, "严重违纪", Chance(random, p / 5));
        Optional(random, org, "最长连续未开展活动月数", Chance(random, p) ? random.Next(1, 13) : 0);
        Optional(random, org, "连续未发展党员年数", Chance(random, p) ? random.Next(1, 6) : 0);
        Optional(random, org, "发生重大群体性事件", Chance(random, p / 4));
        Optional(random, org, "年度考核末位", Chance(random, p / 4));

        // Summary counts: the scheme uses them only when no member list is given, so here they must change nothing.
        var summaryGraded = random.Next(0, 60);
        Optional(random, org, "评议定等人数", summaryGraded);
        Optional(random, org, "评议优秀合格人数", random.Next(0, summaryGraded + 1));
        Optional(random, org, "评议不合格人数", random.Next(0, 5));

        // Satisfaction survey: sometimes none; otherwise answers from a good, middling or poor profile.
        if (!Chance(random, 0.05))
        {
            var weights = Pick(random, (0.50, GoodSurvey), (0.35, MiddlingSurvey), (0.15, PoorSurvey));
            var answers = new int[5];
            var respondents = random.Next(5, 61);
            for (var i = 0; i < respondents; i++)
            {
                answers[Pick(random, weights)]++;
            }

            string[] fields = ["很满意人数", "满意人数", "基本满意人数", "不太满意人数", "不满意人数"];
            for (var i = 0; i < fields.Length; i++)
            {
                Optional(random, org, fields[i], answers[i]);
            }
        }

        return org;
    }

    /// <summary>
    /// The baseline's input for an organisation: its own inputs (defaults applied as the scheme declares them), what it
    /// reads of its team (<c>班子.等级</c>, <c>班子.总分</c> from the engine's result, <c>班子.严重违纪</c> from the team's
    /// input) and its members' levels and 自行脱党 flags from the engine's results.
    /// </summary>
    public static OrganisationInput ToBaselineInput(IReadOnlyDictionary<string, object?> org, GradingResult graded)
    {
        ArgumentNullException.ThrowIfNull(org);
        ArgumentNullException.ThrowIfNull(graded);
        var memberResults = graded.Linked.TryGetValue("党员", out var list) ? list : [];
        var members = new MemberOutcome[memberResults.Count];
        for (var i = 0; i < members.Length; i++)
        {
            var member = memberResults[i];
            members[i] = new MemberOutcome(member.Level is { } level ? (MemberLevel)level.Rank : MemberLevel.不定等级, member.HasFlag("自行脱党"));
        }

        var team = graded.Linked["班子"][0];
        var teamInput = (IReadOnlyDictionary<string, object?>)org["班子"]!;
        return new OrganisationInput
        {
            党员 = members,
            班子等级 = (TeamLevel)team.Level!.Rank,
            班子总分 = team.Total,
            班子严重违纪 = Bool(teamInput, "严重违纪", false),
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

    /// <summary>A member for member-wudai: quality 0 (strong), 1 (ordinary) or 2 (weak) shifts the ratings and attendance.</summary>
    private static Dictionary<string, object?> Member(Random random, string id, int quality, bool probationary)
    {
        var (low, high) = quality switch { 0 => (84, 101), 1 => (66, 96), _ => (45, 85) };
        var centre = random.Next(low, high);
        var required = random.Next(8, 25);
        var absences = Chance(random, 0.6) ? 0 : random.Next(0, quality == 0 ? 3 : 9);
        var member = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = id,
            ["党员类型"] = probationary || Chance(random, 0.08) ? "预备党员" : "正式党员",
            ["应参加组织生活次数"] = required,
            ["参加组织生活次数"] = Math.Max(required - absences, 0),
            ["按时交纳党费月数"] = Chance(random, 0.85) ? 12 : random.Next(0, 12),
        };
        foreach (var rating in (string[])["学习提高", "创造佳绩", "服务群众", "遵纪守法", "弘扬正气"])
        {
            member[rating] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["自评"] = Score(random, centre),
                ["群众评"] = Score(random, centre),
                ["领导评"] = Score(random, centre),
            };
        }

        if (Chance(random, 0.04))
        {
            member[Pick(random, (0.4, "连续未参加组织生活月数"), (0.3, "连续未交党费月数"), (0.3, "连续未做分配工作月数"))] = random.Next(3, 13);
            member["有正当理由"] = Chance(random, 0.3);
        }

        if (Chance(random, 0.08))
        {
            member["处分"] = Pick(random, (0.4, "警告"), (0.3, "严重警告"), (0.2, "撤销党内职务"), (0.1, "留党察看"));
        }

        if (Chance(random, 0.7))
        {
            var votes = random.Next(5, 60);
            member["测评票数"] = votes;
            member["信任票数"] = Chance(random, 0.04) ? random.Next(0, votes / 2) : random.Next(votes * 3 / 4, votes + 1);
        }

        return member;
    }

    /// <summary>A team for team-sihao: mostly sound, sometimes weak, now and then with discipline records.</summary>
    private static Dictionary<string, object?> Team(Random random, string id, double p)
    {
        var centre = Pick(random, (0.40, random.Next(86, 100)), (0.45, random.Next(65, 90)), (0.15, random.Next(35, 66)));
        var team = new Dictionary<string, object?>(StringComparer.Ordinal) { ["id"] = id };
        foreach (var rating in (string[])["政治素质", "勤政廉洁", "团结协作", "作风形象", "政治信念", "创新能力", "实干精神", "民主观念", "廉洁自律"])
        {
            team[rating] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["自评"] = Score(random, centre),
                ["群众评"] = Score(random, centre),
                ["领导评"] = Score(random, centre),
            };
        }

        Optional(random, team, "受处分人数", Chance(random, 0.08) ? random.Next(1, 4) : 0);
        Optional(random, team, "严重违纪", Chance(random, p / 5));
        return team;
    }

    /// <summary>A rater's score near <paramref name="centre"/>, sometimes with one decimal.</summary>
    private static double Score(Random random, int centre)
    {
        var score = Math.Clamp(centre + random.Next(-6, 7), 0, 100);
        return Chance(random, 0.3) && score < 100 ? score + (random.Next(0, 10) / 10.0) : score;
    }

    /// <summary>Meetings held against the number required: mostly enough, sometimes short, now and then none at all.</summary>
    private static int Meetings(Random random, double p, int required) =>
        !Chance(random, p) ? random.Next(required, required + 3)
        : Chance(random, 0.25) ? 0
        : random.Next(1, required);

    private static void Optional(Random random, Dictionary<string, object?> subject, string field, object value)
    {
        var isDefault = value is 0 or false;
        if (!isDefault || Chance(random, 0.5))
        {
            subject[field] = value;
        }
    }

    private static bool Chance(Random random, double probability) => random.NextDouble() < probability;

    private static T Pick<T>(Random random, params (double Weight, T Value)[] choices)
    {
        var x = random.NextDouble();
        foreach (var (weight, value) in choices)
        {
            if (x < weight)
            {
                return value;
            }

            x -= weight;
        }

        return choices[^1].Value;
    }

    private static int Pick(Random random, double[] weights)
    {
        var x = random.NextDouble();
        for (var i = 0; i < weights.Length; i++)
        {
            if (x < weights[i])
            {
                return i;
            }

            x -= weights[i];
        }

        return weights.Length - 1;
    }

    private static int Int(IReadOnlyDictionary<string, object?> subject, string field, int? fallback = null) =>
        subject.TryGetValue(field, out var value) && value is int n ? n : fallback ?? throw new KeyNotFoundException(field);

    private static bool Bool(IReadOnlyDictionary<string, object?> subject, string field, bool? fallback = null) =>
        subject.TryGetValue(field, out var value) && value is bool b ? b : fallback ?? throw new KeyNotFoundException(field);
}
