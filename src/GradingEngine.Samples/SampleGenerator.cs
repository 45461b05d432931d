namespace GradingEngine.Samples;

/// <summary>
/// Makes up organisations, their teams and members the way the domain describes them. Each organisation first gets a
/// tier from a latent quality (most fine, about one in ten weak, some counties weaker than others); the tier sets
/// how many points it loses and on what (三会一课 below the yearly requirement, no venue, a vacant secretary post …),
/// how satisfied the public is, and for weak ones which 软弱涣散 situations it is in. Members and teams get a kind
/// (优秀, 合格 … 自行脱党; 四好班子, 合格, 不合格) and inputs that lead there under the shipped schemes.
/// Everything about one organisation comes from its own random stream, so organisations could be made in parallel.
/// </summary>
internal sealed class SampleGenerator
{
    public const int MaxMembers = 50;
    private const int MinMembers = 3;

    private static readonly double[] MemberCountCumulative = BuildMemberCountTable();

    // Survey answer mixes (很满意, 满意, 基本满意, 不太满意, 不满意), from dissatisfied to delighted.
    private static readonly double[][] SurveyAnchors =
    [
        [0.00, 0.00, 0.10, 0.40, 0.50],
        [0.05, 0.15, 0.35, 0.30, 0.15],
        [0.15, 0.35, 0.35, 0.12, 0.03],
        [0.35, 0.45, 0.17, 0.03, 0.00],
        [0.65, 0.30, 0.05, 0.00, 0.00],
        [0.95, 0.05, 0.00, 0.00, 0.00],
    ];

    private static readonly int[] AnswerPoints = [100, 80, 60, 30, 0];
    private static readonly double[] SurveyAnchorScores = [.. SurveyAnchors.Select(a => a.Select((p, i) => p * AnswerPoints[i]).Sum() / 100)];

    // Member kinds per tier group (fine, average, weak), in MemberKind order; 合格 takes what is left of 100.
    private static readonly double[][] MemberKindWeights =
    [
        [28, 0, 0.4, 0.3, 1.2, 0.10, 0.10, 0.02, 0.05, 2.2],
        [22, 0, 0.6, 0.3, 3.0, 0.30, 0.30, 0.05, 0.20, 2.0],
        [14, 0, 1.2, 0.3, 6.0, 1.00, 0.80, 0.20, 0.80, 1.5],
    ];

    // Points an organisation can lose without being weak: what, how much, how often.
    private static readonly (Deficiency Kind, int Cost, double Weight)[] Menu =
    [
        (Deficiency.SecretaryVacant, 10, 1),
        (Deficiency.TeamIncomplete, 5, 3),
        (Deficiency.LateElection, 5, 3),
        (Deficiency.NoCommittee, 1, 2),
        (Deficiency.TeamFailed, 5, 0.3),
        (Deficiency.NoPlan, 10, 1),
        (Deficiency.PlanNotCarriedOut, 5, 3),
        (Deficiency.CommitteeShort, 2, 3),
        (Deficiency.GroupShort, 2, 3),
        (Deficiency.MembersMeetingShort, 2, 2),
        (Deficiency.LessonsShort, 2, 3),
        (Deficiency.ThemeDaysShort, 2, 3),
        (Deficiency.NotPublic, 2, 2),
        (Deficiency.LongInactive, 5, 1),
        (Deficiency.NoVenue, 10, 0.7),
        (Deficiency.NoFunds, 5, 3),
        (Deficiency.DuesIrregular, 5, 2),
    ];

    // 软弱涣散 situations a weak organisation is in, and how often each is the reason.
    private static readonly double[] TriggerWeights = [15, 18, 8, 12, 10, 15, 2, 8, 8, 4];

    private readonly SampleRegions _regions;
    private readonly SampleSchema _schema;
    private readonly int _levels;

    public SampleGenerator(SampleSchema schema, SampleRegions regions)
    {
        _schema = schema;
        _regions = regions;
        _levels = schema.Levels.Count;
    }

    /// <summary>Decides everything about one organisation except its rater scores and member rows' details.</summary>
    public void Build(SampleOrganisation o, int index, ref SampleRandom rng)
    {
        var (county, sequence) = _regions.Locate(index);
        o.Index = index;
        o.County = county;
        o.Id = _regions.OrganisationId(index);
        o.Name = SampleRegions.OrganisationName(county, sequence, ref rng);
        Array.Clear(o.Org);
        Array.Clear(o.Team);
        o.Tier = DrawTier(county.Weakness, ref rng);
        var n = o.MemberCount = DrawMemberCount(ref rng);
        var org = o.Org;
        var weak = o.Tier is OrgTier.Weak or OrgTier.WeakLowScore;
        var average = o.Tier is OrgTier.AverageGated or OrgTier.AverageLowScore or OrgTier.AverageNoSurvey;

        var committee = n >= 7 || rng.Chance(0.1);
        var groups = n >= 12 ? rng.Chance(0.9) : rng.Chance(0.05);
        org[(int)OrgField.MemberCount] = n;
        org[(int)OrgField.HasCommittee] = committee ? 1 : 0;
        org[(int)OrgField.HasGroups] = groups ? 1 : 0;
        org[(int)OrgField.CommitteeMeetings] = committee ? 12 + rng.Pick([0.6, 0.25, 0.15]) : 0;
        org[(int)OrgField.GroupMeetings] = groups ? 12 + rng.Pick([0.7, 0.2, 0.1]) : 0;
        org[(int)OrgField.MembersMeetings] = 4 + (rng.Chance(0.3) ? 1 : 0);
        org[(int)OrgField.PartyLessons] = 4 + rng.Pick([0.55, 0.3, 0.15]);
        org[(int)OrgField.ThemeDays] = 12 + (rng.Chance(0.2) ? 1 : 0);
        foreach (var field in (ReadOnlySpan<OrgField>)[OrgField.TeamComplete, OrgField.ElectedOnSchedule, OrgField.HasPlan, OrgField.PlanCarriedOut,
                     OrgField.LifeMeetingHeld, OrgField.ReviewHeld, OrgField.AffairsPublic, OrgField.HasVenue, OrgField.FundsInPlace, OrgField.DuesManaged])
        {
            org[(int)field] = 1;
        }

        org[(int)OrgField.LongestInactiveMonths] = weak ? rng.Next(0, 6) : average ? rng.Next(0, 4) : rng.Next(0, 2);
        org[(int)OrgField.YearsWithoutRecruiting] = rng.Chance(weak ? 0.5 : 0.75) ? 0 : 1;

        o.TeamKind = DrawTeam(o.Tier, ref rng);
        if (rng.Chance(weak ? 0.10 : average ? 0.05 : 0.02) && o.TeamKind != TeamKind.Failed)
        {
            o.Team[(int)TeamField.Disciplined] = rng.Chance(0.85) ? 1 : 2;
            o.TeamKind = TeamKind.QualifiedDisciplined;
        }

        var (least, most) = o.Tier switch
        {
            OrgTier.Top => (0, 4),
            OrgTier.Good => (9, 16),
            OrgTier.AverageGated => (2, 12),
            OrgTier.AverageLowScore => (23, 33),
            OrgTier.AverageNoSurvey => (0, 8),
            OrgTier.Weak => (4, 22),
            _ => (32, 45),
        };
        ApplyDeficiencies(o, least, most, allowInactive: weak || average, ref rng);
        var lowSatisfaction = o.Tier == OrgTier.Weak && ApplyTriggers(o, ref rng);
        Survey(o, lowSatisfaction, ref rng);

        o.ScheduledMeetings = Math.Min(100, org[(int)OrgField.MembersMeetings] + org[(int)OrgField.PartyLessons] + org[(int)OrgField.ThemeDays]
            + (org[(int)OrgField.HasGroups] != 0 ? org[(int)OrgField.GroupMeetings] : 0));
        o.Votes = rng.Chance(0.94) ? n - 1 + rng.Next(0, 6) : 0;
        DrawMembers(o, weak ? 2 : average ? 1 : 0, ref rng);
        o.LastYearLevel = LastYearLevel(o.Tier, ref rng);
    }

    /// <summary>The organisation's row.</summary>
    public void FillOrganisation(SampleOrganisation o, Span<SampleCell> cells)
    {
        var columns = _schema.Organisations;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            cells[i] = column.Role switch
            {
                SampleColumnRole.OrganisationId => SampleCell.Of(o.Id),
                SampleColumnRole.OrganisationName => SampleCell.Of(o.Name),
                SampleColumnRole.Province => SampleCell.Of(SampleRegions.Province),
                SampleColumnRole.City => SampleCell.Of(o.County.City),
                SampleColumnRole.County => SampleCell.Of(o.County.Name),
                _ => FactCell(column, o.Org),
            };
        }
    }

    /// <summary>The team's row, with its rater scores.</summary>
    public void FillTeam(SampleOrganisation o, Span<SampleCell> cells, ref SampleRandom rng)
    {
        var (mean, low, high) = o.TeamKind switch
        {
            TeamKind.FourGood => (rng.Uniform(92, 96), -2.5, 2.5),
            TeamKind.Qualified => (rng.Uniform(70, 88), -8.0, 5.0),
            TeamKind.QualifiedDisciplined => (rng.Uniform(82, 92), -3.0, 3.0),
            _ => (rng.Uniform(45, 57), -8.0, 8.0),
        };
        var centres = o.Centres(_schema.TeamRatings);
        for (var r = 0; r < centres.Length; r++)
        {
            centres[r] = mean + rng.Uniform(low, high);
        }

        var columns = _schema.Teams;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            cells[i] = column.Role == SampleColumnRole.OrganisationId ? SampleCell.Of(o.Id) : FactCell(column, o.Team, centres, ref rng);
        }
    }

    /// <summary>Member <paramref name="j"/>'s row (0-based), with its rater scores.</summary>
    public void FillMember(SampleOrganisation o, int j, Span<SampleCell> cells, ref SampleRandom rng)
    {
        var kind = o.Members[j];
        var m = o.Member;
        Array.Clear(m);
        var scheduled = o.ScheduledMeetings;
        var centre = kind switch
        {
            MemberKind.Excellent => rng.Uniform(92, 97),
            MemberKind.Qualified or MemberKind.FailedTrust => rng.Uniform(72, 84),
            MemberKind.QualifiedDisciplined => rng.Uniform(74, 84),
            MemberKind.QualifiedExcused => rng.Uniform(78, 83),
            MemberKind.Basic => rng.Uniform(61.5, 65),
            MemberKind.FailedScore => rng.Uniform(40, 50),
            MemberKind.FailedProbation => rng.Uniform(60, 80),
            MemberKind.LeftParty => rng.Uniform(45, 70),
            _ => rng.Chance(0.3) ? rng.Uniform(88, 96) : rng.Uniform(72, 86),
        };

        int absences = 0, duesMissed = 0;
        switch (kind)
        {
            case MemberKind.Excellent:
                absences = rng.Chance(0.3) ? 1 : 0;
                break;
            case MemberKind.Qualified or MemberKind.FailedTrust or MemberKind.Probationary or MemberKind.FailedProbation:
                absences = rng.Next(0, 4);
                duesMissed = rng.Chance(0.1) ? 1 : 0;
                m[(int)MemberField.MonthsWithoutMeetings] = absences >= 2 && rng.Chance(0.3) ? rng.Next(1, 3) : 0;
                break;
            case MemberKind.QualifiedDisciplined:
                absences = rng.Next(0, 2);
                m[(int)MemberField.Discipline] = 1;
                break;
            case MemberKind.QualifiedExcused:
                // Ill or away with leave: a long absence with a good reason is not leaving the Party.
                m[(int)MemberField.Justified] = 1;
                m[(int)MemberField.MonthsWithoutMeetings] = rng.Next(7, 11);
                m[(int)MemberField.MonthsWithoutWork] = m[(int)MemberField.MonthsWithoutMeetings];
                absences = 10;
                break;
            case MemberKind.Basic:
            {
                // Lose 6–8 points on attendance and dues (a warning when the branch met too rarely to lose them there).
                var loss = rng.Next(6, 9);
                absences = Math.Min(scheduled, loss - 2);
                duesMissed = Math.Min(5, loss - absences);
                if (absences + duesMissed < loss)
                {
                    m[(int)MemberField.Discipline] = 1;
                }

                break;
            }

            case MemberKind.FailedScore:
                absences = rng.Next(6, 13);
                duesMissed = rng.Next(3, 6);
                break;
            case MemberKind.LeftParty:
            {
                var months = rng.Next(6, 13);
                m[(int)MemberField.MonthsWithoutMeetings] = months;
                absences = Math.Max(1, scheduled * months / 12);
                if (rng.Chance(0.5))
                {
                    m[(int)MemberField.MonthsWithoutDues] = rng.Next(6, months + 1);
                    duesMissed = m[(int)MemberField.MonthsWithoutDues];
                }

                m[(int)MemberField.MonthsWithoutWork] = rng.Chance(0.5) ? months : 0;
                break;
            }
        }

        if (kind == MemberKind.FailedProbation)
        {
            m[(int)MemberField.Discipline] = 4;
        }

        absences = Math.Min(absences, scheduled);
        m[(int)MemberField.Type] = kind == MemberKind.Probationary ? 1 : 0;
        m[(int)MemberField.ExpectedMeetings] = scheduled;
        m[(int)MemberField.Attended] = scheduled - absences;
        m[(int)MemberField.DuesMonths] = 12;
        m[(int)MemberField.DuesOnTime] = 12 - Math.Min(12, duesMissed);
        var votes = o.Votes;
        m[(int)MemberField.Votes] = votes;
        m[(int)MemberField.TrustVotes] = votes == 0 ? 0
            : kind == MemberKind.FailedTrust ? (int)(votes * rng.Uniform(0.15, 0.45))
            : votes - (rng.Chance(0.6) ? 0 : rng.Next(0, (votes / 6) + 1));

        var centres = o.Centres(_schema.MemberRatings);
        for (var r = 0; r < centres.Length; r++)
        {
            centres[r] = centre + rng.Uniform(-2, 2);
        }

        var columns = _schema.Members;
        for (var i = 0; i < columns.Count; i++)
        {
            var column = columns[i];
            cells[i] = column.Role switch
            {
                SampleColumnRole.MemberId => SampleCell.NumberedId(o.Id, j + 1),
                SampleColumnRole.OrganisationId => SampleCell.Of(o.Id),
                _ => FactCell(column, m, centres, ref rng),
            };
        }
    }

    /// <summary>The organisation's row in last year's file.</summary>
    public void FillLastYear(SampleOrganisation o, Span<SampleCell> cells)
    {
        cells[0] = SampleCell.Of(o.Id);
        cells[1] = SampleCell.Of(_schema.Levels[o.LastYearLevel]);
    }

    private static SampleCell FactCell(SampleColumn column, int[] facts)
    {
        if (column.Field < 0)
        {
            return column.Fallback;
        }

        var value = facts[column.Field];
        return column.Input!.Type switch
        {
            Schemes.InputType.Boolean => SampleCell.Of(value != 0),
            Schemes.InputType.Integer or Schemes.InputType.Number => SampleCell.Of((long)value),
            Schemes.InputType.Enumeration when column.EnumCells is { } cells => cells[value],
            _ => column.Fallback,
        };
    }

    private static SampleCell FactCell(SampleColumn column, int[] facts, ReadOnlySpan<double> centres, ref SampleRandom rng)
    {
        if (column.Rating < 0)
        {
            return FactCell(column, facts);
        }

        // A rater's score around the rating's centre: people rate themselves a little higher.
        var score = centres[column.Rating] + (column.SelfRater ? rng.Uniform(0, 3) : rng.Uniform(-1.5, 1.5));
        return SampleCell.Of((long)Math.Clamp(Math.Round(score, MidpointRounding.AwayFromZero), 0, 100));
    }

    private static OrgTier DrawTier(double countyWeakness, ref SampleRandom rng)
    {
        var weak = 0.09 * countyWeakness;
        const double average = 0.20;
        const double top = 0.10;
        var u = rng.NextDouble();
        if (u < weak)
        {
            return rng.Chance(0.12) ? OrgTier.WeakLowScore : OrgTier.Weak;
        }

        if (u < weak + average)
        {
            var v = rng.NextDouble();
            return v < 0.03 ? OrgTier.AverageNoSurvey : v < 0.58 ? OrgTier.AverageGated : OrgTier.AverageLowScore;
        }

        return u < weak + average + top ? OrgTier.Top : OrgTier.Good;
    }

    private static TeamKind DrawTeam(OrgTier tier, ref SampleRandom rng)
    {
        var fourGood = tier switch
        {
            OrgTier.Top => 0.7,
            OrgTier.Good => 0.4,
            OrgTier.Weak or OrgTier.WeakLowScore => 0.03,
            _ => 0.12,
        };
        var failed = tier is OrgTier.Weak or OrgTier.WeakLowScore ? 0.2 : 0;
        var u = rng.NextDouble();
        return u < fourGood ? TeamKind.FourGood : u < fourGood + failed ? TeamKind.Failed : TeamKind.Qualified;
    }

    private static int DrawMemberCount(ref SampleRandom rng)
    {
        var u = rng.NextDouble();
        var i = Array.BinarySearch(MemberCountCumulative, u);
        return MinMembers + Math.Min(i < 0 ? ~i : i, MemberCountCumulative.Length - 1);
    }

    /// <summary>
    /// Branch sizes 3–50 with weight (n−2)^1.5 · 0.88^(n−2): most have 10–25 members, the mean is about 20, a long
    /// tail of large ones. Exact arithmetic only (square roots are exactly rounded), so the table is the same everywhere.
    /// </summary>
    private static double[] BuildMemberCountTable()
    {
        var weights = new double[MaxMembers - MinMembers + 1];
        var total = 0.0;
        var power = 1.0;
        for (var n = MinMembers; n <= MaxMembers; n++)
        {
            power *= 0.88;
            var k = n - 2.0;
            weights[n - MinMembers] = k * Math.Sqrt(k) * power;
            total += weights[n - MinMembers];
        }

        var cumulative = new double[weights.Length];
        var sum = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            sum += weights[i];
            cumulative[i] = sum / total;
        }

        cumulative[^1] = 1.0;
        return cumulative;
    }

    private static void ApplyDeficiencies(SampleOrganisation o, int least, int most, bool allowInactive, ref SampleRandom rng)
    {
        var target = rng.Next(least, most + 1);
        var lost = 0;
        var used = 0;
        Span<double> weights = stackalloc double[Menu.Length];
        var org = o.Org;
        while (lost < target)
        {
            for (var i = 0; i < Menu.Length; i++)
            {
                var (kind, cost, weight) = Menu[i];
                var applicable = (used & (1 << i)) == 0 && cost <= most - lost && kind switch
                {
                    Deficiency.NoCommittee => org[(int)OrgField.HasCommittee] != 0 && o.MemberCount >= 7,
                    Deficiency.CommitteeShort => org[(int)OrgField.HasCommittee] != 0,
                    Deficiency.GroupShort => org[(int)OrgField.HasGroups] != 0,
                    Deficiency.PlanNotCarriedOut => org[(int)OrgField.HasPlan] != 0,
                    Deficiency.LongInactive => allowInactive,
                    Deficiency.TeamFailed => o.TeamKind != TeamKind.Failed,
                    _ => true,
                };
                weights[i] = applicable ? weight : 0;
            }

            if (!weights.ContainsAnyExcept(0.0))
            {
                break;
            }

            var pick = rng.Pick(weights);
            used |= 1 << pick;
            lost += Menu[pick].Cost;
            Apply(o, Menu[pick].Kind, ref rng);
        }
    }

    private static void Apply(SampleOrganisation o, Deficiency deficiency, ref SampleRandom rng)
    {
        var org = o.Org;
        switch (deficiency)
        {
            case Deficiency.SecretaryVacant:
                org[(int)OrgField.SecretaryVacantMonths] = rng.Next(1, 4);
                break;
            case Deficiency.TeamIncomplete:
                org[(int)OrgField.TeamComplete] = 0;
                break;
            case Deficiency.LateElection:
                org[(int)OrgField.ElectedOnSchedule] = 0;
                break;
            case Deficiency.NoCommittee:
                org[(int)OrgField.HasCommittee] = 0;
                org[(int)OrgField.CommitteeMeetings] = 0;
                break;
            case Deficiency.TeamFailed:
                o.TeamKind = TeamKind.Failed;
                break;
            case Deficiency.NoPlan:
                org[(int)OrgField.HasPlan] = 0;
                org[(int)OrgField.PlanCarriedOut] = 0;
                break;
            case Deficiency.PlanNotCarriedOut:
                org[(int)OrgField.PlanCarriedOut] = 0;
                break;
            case Deficiency.CommitteeShort:
                org[(int)OrgField.CommitteeMeetings] = rng.Next(6, 12);
                break;
            case Deficiency.GroupShort:
                org[(int)OrgField.GroupMeetings] = rng.Next(5, 12);
                break;
            case Deficiency.MembersMeetingShort:
                org[(int)OrgField.MembersMeetings] = rng.Next(1, 4);
                break;
            case Deficiency.LessonsShort:
                org[(int)OrgField.PartyLessons] = rng.Next(1, 4);
                break;
            case Deficiency.ThemeDaysShort:
                org[(int)OrgField.ThemeDays] = rng.Next(6, 12);
                break;
            case Deficiency.NotPublic:
                org[(int)OrgField.AffairsPublic] = 0;
                break;
            case Deficiency.LongInactive:
                org[(int)OrgField.LongestInactiveMonths] = rng.Next(6, 9);
                break;
            case Deficiency.NoVenue:
                org[(int)OrgField.HasVenue] = 0;
                break;
            case Deficiency.NoFunds:
                org[(int)OrgField.FundsInPlace] = 0;
                break;
            case Deficiency.DuesIrregular:
                org[(int)OrgField.DuesManaged] = 0;
                break;
        }
    }

    /// <summary>Puts a weak organisation in one to three 软弱涣散 situations; true when one is low public satisfaction.</summary>
    private static bool ApplyTriggers(SampleOrganisation o, ref SampleRandom rng)
    {
        var count = rng.Pick([0.70, 0.22, 0.08]) + 1;
        Span<double> weights = stackalloc double[TriggerWeights.Length];
        TriggerWeights.CopyTo(weights);
        var org = o.Org;
        var lowSatisfaction = false;
        for (var t = 0; t < count; t++)
        {
            var pick = rng.Pick(weights);
            weights[pick] = 0;
            switch ((Trigger)pick)
            {
                case Trigger.SecretaryVacant:
                    org[(int)OrgField.SecretaryVacantMonths] = rng.Next(4, 13);
                    break;
                case Trigger.MeetingsNotHeld:
                {
                    // One of the 三会一课 not held all year: the committee or party-group meetings only where they exist.
                    var which = rng.Next(0, 4);
                    var field = which switch
                    {
                        0 when org[(int)OrgField.HasCommittee] != 0 => OrgField.CommitteeMeetings,
                        1 when org[(int)OrgField.HasGroups] != 0 => OrgField.GroupMeetings,
                        0 or 2 => OrgField.MembersMeetings,
                        _ => OrgField.PartyLessons,
                    };
                    org[(int)field] = 0;
                    break;
                }

                case Trigger.NoThemeDays:
                    org[(int)OrgField.ThemeDays] = 0;
                    break;
                case Trigger.NoLifeMeeting:
                    org[(int)OrgField.LifeMeetingHeld] = 0;
                    break;
                case Trigger.NoReview:
                    org[(int)OrgField.ReviewHeld] = 0;
                    break;
                case Trigger.NoRecruiting:
                    org[(int)OrgField.YearsWithoutRecruiting] = rng.Next(2, 6);
                    break;
                case Trigger.MassIncident:
                    org[(int)OrgField.MassIncident] = 1;
                    break;
                case Trigger.LastInReview:
                    org[(int)OrgField.LastInReview] = 1;
                    break;
                case Trigger.LowSatisfaction:
                    lowSatisfaction = true;
                    break;
                case Trigger.SeriousViolation:
                    org[(int)OrgField.SeriousViolation] = 1;
                    o.Team[(int)TeamField.SeriousViolation] = 1;
                    break;
            }
        }

        return lowSatisfaction;
    }

    /// <summary>
    /// The satisfaction survey: answers in five grades, mixed to land near a target for the tier, then nudged so that
    /// the tier's side of the 90% (一类) and 60% (软弱涣散) lines holds.
    /// </summary>
    private static void Survey(SampleOrganisation o, bool lowSatisfaction, ref SampleRandom rng)
    {
        double target;
        int atLeast = 0, below = 0; // average points per answer must be above / below
        switch (o.Tier)
        {
            case OrgTier.AverageNoSurvey:
                return;
            case OrgTier.Top:
                target = rng.Uniform(0.955, 0.99);
                atLeast = 90;
                break;
            case OrgTier.Good:
                target = rng.Uniform(0.915, 0.975);
                atLeast = 90;
                break;
            case OrgTier.AverageGated:
                target = rng.Uniform(0.70, 0.875);
                atLeast = 60;
                below = 90;
                break;
            case OrgTier.AverageLowScore:
                target = rng.Uniform(0.905, 0.97);
                atLeast = 90;
                break;
            case OrgTier.Weak when lowSatisfaction:
                target = rng.Uniform(0.35, 0.58);
                below = 60;
                break;
            case OrgTier.Weak:
                target = rng.Uniform(0.62, 0.9);
                atLeast = 60;
                break;
            default:
                target = rng.Uniform(0.6, 0.85);
                atLeast = 60;
                break;
        }

        var answers = Math.Max(12, o.MemberCount + rng.Next(5, 31));
        Span<double> mix = stackalloc double[5];
        var upper = 1;
        while (upper < SurveyAnchorScores.Length - 1 && SurveyAnchorScores[upper] < target)
        {
            upper++;
        }

        var share = Math.Clamp((target - SurveyAnchorScores[upper - 1]) / (SurveyAnchorScores[upper] - SurveyAnchorScores[upper - 1]), 0, 1);
        for (var k = 0; k < 5; k++)
        {
            mix[k] = (SurveyAnchors[upper - 1][k] * (1 - share)) + (SurveyAnchors[upper][k] * share);
        }

        // Largest remainder: the counts add up to the number of answers.
        Span<int> counts = stackalloc int[5];
        Span<double> remainders = stackalloc double[5];
        var given = 0;
        for (var k = 0; k < 5; k++)
        {
            var exact = mix[k] * answers;
            counts[k] = (int)exact;
            remainders[k] = exact - counts[k];
            given += counts[k];
        }

        for (; given < answers; given++)
        {
            var best = 0;
            for (var k = 1; k < 5; k++)
            {
                if (remainders[k] > remainders[best])
                {
                    best = k;
                }
            }

            counts[best]++;
            remainders[best] = -1;
        }

        while (atLeast > 0 && Points(counts) <= atLeast * answers)
        {
            var k = 4;
            while (counts[k] == 0)
            {
                k--;
            }

            counts[k]--;
            counts[k - 1]++;
        }

        while (below > 0 && Points(counts) >= below * answers)
        {
            var k = 0;
            while (counts[k] == 0)
            {
                k++;
            }

            counts[k]--;
            counts[k + 1]++;
        }

        o.Org[(int)OrgField.VerySatisfied] = counts[0];
        o.Org[(int)OrgField.Satisfied] = counts[1];
        o.Org[(int)OrgField.FairlySatisfied] = counts[2];
        o.Org[(int)OrgField.NotVerySatisfied] = counts[3];
        o.Org[(int)OrgField.Dissatisfied] = counts[4];
    }

    private static int Points(ReadOnlySpan<int> counts)
    {
        var points = 0;
        for (var k = 0; k < counts.Length; k++)
        {
            points += counts[k] * AnswerPoints[k];
        }

        return points;
    }

    /// <summary>
    /// Each member's kind; 优秀 kept to a third of those graded in most branches (as the rules ask) but not all.
    /// The summary counts (评议定等人数 …) are what the kinds are meant to grade to.
    /// </summary>
    private static void DrawMembers(SampleOrganisation o, int group, ref SampleRandom rng)
    {
        Span<double> weights = stackalloc double[MemberKindWeights[group].Length];
        MemberKindWeights[group].CopyTo(weights);
        var rest = 100.0;
        foreach (var w in weights)
        {
            rest -= w;
        }

        weights[(int)MemberKind.Qualified] = rest;
        int excellent = 0, probationary = 0;
        for (var j = 0; j < o.MemberCount; j++)
        {
            var kind = (MemberKind)rng.Pick(weights);
            if (kind == MemberKind.FailedTrust && o.Votes == 0)
            {
                kind = MemberKind.FailedScore;
            }

            o.Members[j] = kind;
            excellent += kind == MemberKind.Excellent ? 1 : 0;
            probationary += kind == MemberKind.Probationary ? 1 : 0;
        }

        var cap = (o.MemberCount - probationary) / 3;
        if (excellent > cap && rng.Chance(0.95))
        {
            for (var j = o.MemberCount - 1; j >= 0 && excellent > cap; j--)
            {
                if (o.Members[j] == MemberKind.Excellent)
                {
                    o.Members[j] = MemberKind.Qualified;
                    excellent--;
                }
            }
        }

        int good = 0, failed = 0;
        for (var j = 0; j < o.MemberCount; j++)
        {
            switch (o.Members[j])
            {
                case MemberKind.Excellent or MemberKind.Qualified or MemberKind.QualifiedDisciplined or MemberKind.QualifiedExcused:
                    good++;
                    break;
                case MemberKind.FailedScore or MemberKind.FailedTrust or MemberKind.FailedProbation or MemberKind.LeftParty:
                    failed++;
                    break;
            }
        }

        o.Org[(int)OrgField.ReviewGraded] = o.MemberCount - probationary;
        o.Org[(int)OrgField.ReviewGood] = good;
        o.Org[(int)OrgField.ReviewFailed] = failed;
    }

    /// <summary>
    /// Last year's level: the level this year's tier leads to, moved by one (rarely two) for some. Weak ones were
    /// often better last year; average ones were often weak last year (turned round) or better; fine ones mostly the same.
    /// </summary>
    private int LastYearLevel(OrgTier tier, ref SampleRandom rng)
    {
        var last = _levels - 1;
        var (expected, shift) = tier switch
        {
            OrgTier.Top => (0, rng.Pick([0.88, 0.11, 0.01])),
            OrgTier.Good => (Math.Max(0, _levels - 3), rng.Pick([0.88, 0.11, 0.01])),
            OrgTier.Weak or OrgTier.WeakLowScore => (last, -rng.Pick([0.55, 0.40, 0.05])),
            _ => (Math.Max(0, _levels - 2), rng.Pick([0.60, 0.25, 0.15]) switch { 0 => 0, 1 => 1, _ => -1 }),
        };
        var level = Math.Clamp(expected + shift, 0, last);

        // Last year's results kept to the scheme's quota on the best level too: the share of organisations whose
        // tier leads to the best level is about top (10%), plus good (≈60%) when good also reaches it.
        if (level == 0 && _schema.TopLevelQuota is { } quota && _levels > 1)
        {
            var atBest = _levels - 3 <= 0 ? 0.70 : 0.10;
            if (!rng.Chance(Math.Min(1, quota / atBest)))
            {
                level = 1;
            }
        }

        return level;
    }

    private enum Deficiency
    {
        SecretaryVacant,
        TeamIncomplete,
        LateElection,
        NoCommittee,
        TeamFailed,
        NoPlan,
        PlanNotCarriedOut,
        CommitteeShort,
        GroupShort,
        MembersMeetingShort,
        LessonsShort,
        ThemeDaysShort,
        NotPublic,
        LongInactive,
        NoVenue,
        NoFunds,
        DuesIrregular,
    }

    private enum Trigger
    {
        SecretaryVacant,
        MeetingsNotHeld,
        NoThemeDays,
        NoLifeMeeting,
        NoReview,
        NoRecruiting,
        MassIncident,
        LastInReview,
        LowSatisfaction,
        SeriousViolation,
    }
}

/// <summary>How an organisation is meant to come out.</summary>
internal enum OrgTier
{
    /// <summary>Hardly a point lost (好).</summary>
    Top,
    /// <summary>A few points lost, public satisfied (较好).</summary>
    Good,
    /// <summary>Public satisfaction below the 一类 line.</summary>
    AverageGated,
    /// <summary>Satisfied public, but 20–35 points lost.</summary>
    AverageLowScore,
    /// <summary>No satisfaction survey held.</summary>
    AverageNoSurvey,
    /// <summary>In one or more 软弱涣散 situations.</summary>
    Weak,
    /// <summary>No 软弱涣散 situation, but so many points lost that it scores below 60 or near it.</summary>
    WeakLowScore,
}

/// <summary>How a team is meant to come out.</summary>
internal enum TeamKind
{
    FourGood,
    Qualified,
    /// <summary>A team member was disciplined this year: the integrity items are zeroed.</summary>
    QualifiedDisciplined,
    Failed,
}

/// <summary>How a member is meant to come out.</summary>
internal enum MemberKind
{
    Excellent,
    Qualified,
    /// <summary>合格 with a warning (警告) this year.</summary>
    QualifiedDisciplined,
    /// <summary>合格 after a long absence with a good reason (illness, leave).</summary>
    QualifiedExcused,
    Basic,
    FailedScore,
    /// <summary>不合格: public trust below half.</summary>
    FailedTrust,
    /// <summary>不合格: on probation within the Party (留党察看).</summary>
    FailedProbation,
    /// <summary>不合格: six months or more without attending, paying dues or working for the Party (自行脱党).</summary>
    LeftParty,
    /// <summary>预备党员: reviewed, not graded.</summary>
    Probationary,
}

/// <summary>Scratch for one organisation while it is written; reused from one organisation to the next.</summary>
internal sealed class SampleOrganisation
{
    private double[] _centres = new double[16];

    public int Index { get; set; }
    public string Id { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public SampleRegions.County County { get; set; } = null!;
    public OrgTier Tier { get; set; }
    public int[] Org { get; } = new int[(int)OrgField.Count];
    public int[] Team { get; } = new int[(int)TeamField.Count];
    public int[] Member { get; } = new int[(int)MemberField.Count];
    public TeamKind TeamKind { get; set; }
    public int MemberCount { get; set; }
    public MemberKind[] Members { get; } = new MemberKind[SampleGenerator.MaxMembers];

    /// <summary>Meetings a member was expected at: members' meetings, lessons, theme days and group meetings.</summary>
    public int ScheduledMeetings { get; set; }

    /// <summary>Votes in the members' trust poll; 0 when none was held.</summary>
    public int Votes { get; set; }

    /// <summary>Index into the organisation scheme's levels, best first.</summary>
    public int LastYearLevel { get; set; }

    /// <summary>Scratch for the centre of each rating.</summary>
    public Span<double> Centres(int count)
    {
        if (_centres.Length < count)
        {
            _centres = new double[count];
        }

        return _centres.AsSpan(0, count);
    }
}
