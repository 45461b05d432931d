using System.Globalization;
using GradingEngine.RuleModel;
using GradingEngine.Grading;
using GradingEngine.Schemes;

namespace GradingEngine.Samples;

/// <summary>What a column of a sample file holds.</summary>
internal enum SampleColumnRole
{
    OrganisationId,
    OrganisationName,
    Province,
    City,
    County,
    MemberId,
    Level,
    Input,
}

/// <summary>
/// One column of a sample file. An input column knows which of the generator's facts it shows (<see cref="Field"/>,
/// -1 for an input the generator does not model, which gets <see cref="Fallback"/>), or for a rater score, which
/// rating and rater it is.
/// </summary>
internal sealed class SampleColumn
{
    public required string Name { get; init; }
    public required SampleColumnRole Role { get; init; }
    public InputPlan? Input { get; init; }
    public int Field { get; init; } = -1;
    public int Rating { get; init; } = -1;
    public bool SelfRater { get; init; }
    public SampleCell Fallback { get; init; }

    /// <summary>For an enumeration the generator models: the cell for each of its codes (see <see cref="SampleSchema.EnumCodes"/>).</summary>
    public IReadOnlyList<SampleCell>? EnumCells { get; init; }

    public bool IsNumeric => Input is { Type: InputType.Integer or InputType.Number };
}

/// <summary>
/// The columns of the four sample files, taken from the organisation scheme and the member and team schemes it links:
/// every input by its label (a rater score as <c>评价项标签.评价主体标签</c>), led by the id and region columns.
/// </summary>
internal sealed class SampleSchema
{
    public const string OrganisationIdColumn = "组织编号";
    public const string MemberIdColumn = "党员编号";

    private SampleSchema(GradingScheme organisation, GradingScheme team, GradingScheme member)
    {
        OrganisationScheme = organisation;
        Organisations =
        [
            new() { Name = OrganisationIdColumn, Role = SampleColumnRole.OrganisationId },
            new() { Name = "组织名称", Role = SampleColumnRole.OrganisationName },
            new() { Name = "省", Role = SampleColumnRole.Province },
            new() { Name = "市", Role = SampleColumnRole.City },
            new() { Name = "县", Role = SampleColumnRole.County },
            .. InputColumns(organisation.Model.Inputs, OrganisationFields, out _),
        ];
        Teams =
        [
            new() { Name = OrganisationIdColumn, Role = SampleColumnRole.OrganisationId },
            .. InputColumns(team.Model.Inputs, TeamFields, out var teamRatings),
        ];
        Members =
        [
            new() { Name = MemberIdColumn, Role = SampleColumnRole.MemberId },
            new() { Name = OrganisationIdColumn, Role = SampleColumnRole.OrganisationId },
            .. InputColumns(member.Model.Inputs, MemberFields, out var memberRatings),
        ];
        LastYear =
        [
            new() { Name = OrganisationIdColumn, Role = SampleColumnRole.OrganisationId },
            new() { Name = "等级", Role = SampleColumnRole.Level },
        ];
        TeamRatings = teamRatings;
        MemberRatings = memberRatings;
        Levels = [.. organisation.Levels.Select(l => l.Label)];
        TopLevelQuota = organisation.Model.Quotas.Where(q => q.LevelOrdinal == 0).Select(q => (double?)q.Share).Min();
    }

    /// <summary>The share a batch quota allows at the best level, if the scheme has one (last year's results kept to it too).</summary>
    public double? TopLevelQuota { get; }

    public GradingScheme OrganisationScheme { get; }
    public IReadOnlyList<SampleColumn> Organisations { get; }
    public IReadOnlyList<SampleColumn> Teams { get; }
    public IReadOnlyList<SampleColumn> Members { get; }
    public IReadOnlyList<SampleColumn> LastYear { get; }
    public int TeamRatings { get; }
    public int MemberRatings { get; }

    /// <summary>The organisation scheme's level labels, best first.</summary>
    public IReadOnlyList<string> Levels { get; }

    /// <summary>The organisation scheme's facts the generator models, by input id.</summary>
    public static IReadOnlyDictionary<string, OrgField> OrganisationFields { get; } = new Dictionary<string, OrgField>(StringComparer.Ordinal)
    {
        ["党员人数"] = OrgField.MemberCount,
        ["设支部委员会"] = OrgField.HasCommittee,
        ["设党小组"] = OrgField.HasGroups,
        ["书记空缺月数"] = OrgField.SecretaryVacantMonths,
        ["班子健全"] = OrgField.TeamComplete,
        ["按期换届"] = OrgField.ElectedOnSchedule,
        ["严重违纪"] = OrgField.SeriousViolation,
        ["有年度工作计划"] = OrgField.HasPlan,
        ["年度计划落实"] = OrgField.PlanCarriedOut,
        ["支部委员会次数"] = OrgField.CommitteeMeetings,
        ["党小组会次数"] = OrgField.GroupMeetings,
        ["党员大会次数"] = OrgField.MembersMeetings,
        ["党课次数"] = OrgField.PartyLessons,
        ["主题党日次数"] = OrgField.ThemeDays,
        ["组织生活会已召开"] = OrgField.LifeMeetingHeld,
        ["民主评议已开展"] = OrgField.ReviewHeld,
        ["党务公开"] = OrgField.AffairsPublic,
        ["最长连续未开展活动月数"] = OrgField.LongestInactiveMonths,
        ["有活动阵地"] = OrgField.HasVenue,
        ["工作经费落实"] = OrgField.FundsInPlace,
        ["党费收缴规范"] = OrgField.DuesManaged,
        ["连续未发展党员年数"] = OrgField.YearsWithoutRecruiting,
        ["发生重大群体性事件"] = OrgField.MassIncident,
        ["年度考核末位"] = OrgField.LastInReview,
        ["评议定等人数"] = OrgField.ReviewGraded,
        ["评议优秀合格人数"] = OrgField.ReviewGood,
        ["评议不合格人数"] = OrgField.ReviewFailed,
        ["很满意人数"] = OrgField.VerySatisfied,
        ["满意人数"] = OrgField.Satisfied,
        ["基本满意人数"] = OrgField.FairlySatisfied,
        ["不太满意人数"] = OrgField.NotVerySatisfied,
        ["不满意人数"] = OrgField.Dissatisfied,
    };

    /// <summary>The team scheme's facts the generator models (rater scores aside), by input id.</summary>
    public static IReadOnlyDictionary<string, TeamField> TeamFields { get; } = new Dictionary<string, TeamField>(StringComparer.Ordinal)
    {
        ["受处分人数"] = TeamField.Disciplined,
        ["严重违纪"] = TeamField.SeriousViolation,
    };

    /// <summary>The member scheme's facts the generator models (rater scores aside), by input id.</summary>
    public static IReadOnlyDictionary<string, MemberField> MemberFields { get; } = new Dictionary<string, MemberField>(StringComparer.Ordinal)
    {
        ["党员类型"] = MemberField.Type,
        ["应参加组织生活次数"] = MemberField.ExpectedMeetings,
        ["参加组织生活次数"] = MemberField.Attended,
        ["应交党费月数"] = MemberField.DuesMonths,
        ["按时交纳党费月数"] = MemberField.DuesOnTime,
        ["连续未参加组织生活月数"] = MemberField.MonthsWithoutMeetings,
        ["连续未交党费月数"] = MemberField.MonthsWithoutDues,
        ["连续未做分配工作月数"] = MemberField.MonthsWithoutWork,
        ["有正当理由"] = MemberField.Justified,
        ["处分"] = MemberField.Discipline,
        ["测评票数"] = MemberField.Votes,
        ["信任票数"] = MemberField.TrustVotes,
    };

    /// <summary>The text values of <see cref="MemberField.Type"/>, by code.</summary>
    public static IReadOnlyList<string> MemberTypes { get; } = ["正式党员", "预备党员"];

    /// <summary>The text values of <see cref="MemberField.Discipline"/>, by code (none, warning … probation).</summary>
    public static IReadOnlyList<string> Disciplines { get; } = ["无", "警告", "严重警告", "撤销党内职务", "留党察看"];

    /// <summary>The texts of the enumerations the generator models, by input id: a code is an index into the list.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> EnumCodes { get; } = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["党员类型"] = MemberTypes,
        ["处分"] = Disciplines,
    };

    /// <summary>The columns for an organisation scheme, which must link a member list and a team.</summary>
    /// <exception cref="ArgumentException">The scheme links no member list or no team.</exception>
    public static SampleSchema For(GradingScheme organisationScheme)
    {
        var inputs = organisationScheme.Model.Inputs;
        var member = inputs.FirstOrDefault(i => i.Linked is not null && i.Type == InputType.List)?.Linked;
        var team = inputs.FirstOrDefault(i => i.Linked is not null && i.Type == InputType.Subject)?.Linked;
        if (member is null || team is null)
        {
            throw new ArgumentException(
                $"方案“{organisationScheme.Id}”应关联党员名单（list）和领导班子（subject） (the organisation scheme must link a member list and a team, like org-sanfenlei)",
                nameof(organisationScheme));
        }

        return new SampleSchema(organisationScheme, organisationScheme.LinkedScheme(team), organisationScheme.LinkedScheme(member));
    }

    /// <summary>A rater score's column name: the input label with <c>·</c> replaced by <c>.</c>.</summary>
    public static string ColumnName(InputPlan input) =>
        input.RatingId is null ? input.DisplayName : input.DisplayName.Replace('·', '.');

    private static List<SampleColumn> InputColumns<TField>(IReadOnlyList<InputPlan> inputs, IReadOnlyDictionary<string, TField> fields, out int ratings)
        where TField : struct, Enum
    {
        var columns = new List<SampleColumn>();
        var ratingIds = new List<string>();
        foreach (var input in inputs)
        {
            // Linked subjects and lists have files of their own; an unlinked list cannot be a flat column.
            if (input.Linked is not null || input.Type is InputType.List or InputType.Subject)
            {
                continue;
            }

            var rating = -1;
            if (input.RatingId is { } ratingId)
            {
                rating = ratingIds.IndexOf(ratingId);
                if (rating < 0)
                {
                    rating = ratingIds.Count;
                    ratingIds.Add(ratingId);
                }
            }

            columns.Add(new SampleColumn
            {
                Name = ColumnName(input),
                Role = SampleColumnRole.Input,
                Input = input,
                Field = rating < 0 && fields.TryGetValue(input.Id, out var field) ? Convert.ToInt32(field, CultureInfo.InvariantCulture) : -1,
                Rating = rating,
                SelfRater = input.RaterId is { } rater && (rater.Contains("自评", StringComparison.Ordinal) || (input.Label?.Contains("自评", StringComparison.Ordinal) ?? false)),
                Fallback = FallbackFor(input),
                EnumCells = input.Type == InputType.Enumeration && EnumCodes.TryGetValue(input.Id, out var codes)
                    ? [.. codes.Select(text => input.EnumValues.Contains(text, StringComparer.Ordinal) ? SampleCell.Of(text) : FallbackFor(input))]
                    : null,
            });
        }

        ratings = ratingIds.Count;
        return columns;
    }

    /// <summary>For an input the generator does not model: its default, else a plain valid value.</summary>
    private static SampleCell FallbackFor(InputPlan input)
    {
        switch (input.Type)
        {
            case InputType.Boolean:
                return SampleCell.Of(input.Default as bool? ?? true);
            case InputType.Integer or InputType.Number:
            {
                var value = input.Default as double? ?? Math.Clamp(0, input.Min ?? 0, input.Max ?? double.MaxValue);
                return value == Math.Floor(value) && Math.Abs(value) < 1e15 ? SampleCell.Of((long)value) : SampleCell.Of(value);
            }

            case InputType.Enumeration:
            {
                var ordinal = input.Default is double d ? (int)d : 0;
                return input.EnumValues.Count > 0 ? SampleCell.Of(input.EnumValues[Math.Clamp(ordinal, 0, input.EnumValues.Count - 1)]) : SampleCell.Missing;
            }

            case InputType.Date:
                return input.Default is double day
                    ? SampleCell.Of(DateOnly.FromDayNumber((int)day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                    : SampleCell.Of("2025-12-31");
            case InputType.Text:
                return SampleCell.Of(input.Default as string ?? "示例");
            default:
                return SampleCell.Missing;
        }
    }
}

/// <summary>The organisation facts the generator models.</summary>
internal enum OrgField
{
    MemberCount,
    HasCommittee,
    HasGroups,
    SecretaryVacantMonths,
    TeamComplete,
    ElectedOnSchedule,
    SeriousViolation,
    HasPlan,
    PlanCarriedOut,
    CommitteeMeetings,
    GroupMeetings,
    MembersMeetings,
    PartyLessons,
    ThemeDays,
    LifeMeetingHeld,
    ReviewHeld,
    AffairsPublic,
    LongestInactiveMonths,
    HasVenue,
    FundsInPlace,
    DuesManaged,
    YearsWithoutRecruiting,
    MassIncident,
    LastInReview,
    ReviewGraded,
    ReviewGood,
    ReviewFailed,
    VerySatisfied,
    Satisfied,
    FairlySatisfied,
    NotVerySatisfied,
    Dissatisfied,
    Count,
}

/// <summary>The team facts the generator models, besides rater scores.</summary>
internal enum TeamField
{
    Disciplined,
    SeriousViolation,
    Count,
}

/// <summary>The member facts the generator models, besides rater scores.</summary>
internal enum MemberField
{
    Type,
    ExpectedMeetings,
    Attended,
    DuesMonths,
    DuesOnTime,
    MonthsWithoutMeetings,
    MonthsWithoutDues,
    MonthsWithoutWork,
    Justified,
    Discipline,
    Votes,
    TrustVotes,
    Count,
}
