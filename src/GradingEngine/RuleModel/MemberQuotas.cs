using GradingEngine.Schemes;

namespace GradingEngine.RuleModel;

/// <summary>
/// Applies a member scheme's quotas to the members of one organisation: the same code for a batch (the members of
/// an organisation in the members file) and for one call grading an organisation with its members.
/// </summary>
internal static class MemberQuotas
{
    /// <summary>A member moved down by a quota: its position in the group, the level it gets, and the note saying why.</summary>
    internal readonly record struct Move(int Member, int Level, string Note);

    /// <summary>
    /// The moves for one organisation. <paramref name="levels"/> holds the level of each of the organisation's members
    /// at a quota's level (or any level), in list order; <paramref name="graded"/> is how many of its members have a
    /// level at all (withheld ones, such as 预备党员, are not counted); <paramref name="key"/> gives a member's value of a
    /// rank key. Quotas apply best level first, so a member moved down counts against
    /// the next level's quota. Ranking: by each key (higher first unless ascending), then by list order.
    /// <paramref name="levels"/> is updated with the moves.
    /// </summary>
    public static List<Move>? Apply(CheckedScheme plan, int[] levels, int graded, Func<int, RankKeyPlan, double> key)
    {
        List<Move>? moves = null;
        foreach (var quota in plan.Quotas.OrderBy(q => q.LevelOrdinal))
        {
            var at = new List<int>();
            for (var m = 0; m < levels.Length; m++)
            {
                if (levels[m] == quota.LevelOrdinal)
                {
                    at.Add(m);
                }
            }

            var allowed = Allowed(quota.Share, graded, quota.Rounding);
            if (at.Count <= allowed)
            {
                continue;
            }

            var keys = quota.RankBy;
            at.Sort((a, b) =>
            {
                for (var k = 0; k < keys.Count; k++)
                {
                    var x = key(a, keys[k]);
                    var y = key(b, keys[k]);
                    var order = keys[k].Descending ? y.CompareTo(x) : x.CompareTo(y);
                    if (order != 0)
                    {
                        return order;
                    }
                }

                return a.CompareTo(b);
            });

            var from = plan.Levels[quota.LevelOrdinal].DisplayName;
            var to = plan.Levels[quota.LevelOrdinal + 1].DisplayName;
            for (var position = allowed; position < at.Count; position++)
            {
                var member = at[position];
                levels[member] = quota.LevelOrdinal + 1;
                (moves ??= []).Add(new Move(member, quota.LevelOrdinal + 1,
                    $"{quota.DisplayName}：本组织定等党员 {graded} 名，“{from}”至多 {allowed} 名（{Percent(quota.Share)}），"
                    + $"评为“{from}”的 {at.Count} 名中按{KeysText(keys)}排第 {position + 1}，由“{from}”调为“{to}”"));
            }
        }

        return moves;
    }

    /// <summary>How many a share of a group allows, rounded as the rule says (a tolerance absorbs binary fractions: 1/3 × 9 is 3).</summary>
    public static int Allowed(double share, int count, QuotaRounding rounding)
    {
        var exact = share * count;
        return rounding switch
        {
            QuotaRounding.Floor => (int)Math.Floor(exact + 1e-9),
            QuotaRounding.Ceiling => (int)Math.Ceiling(exact - 1e-9),
            _ => (int)Math.Round(exact, MidpointRounding.AwayFromZero),
        };
    }

    private static string Percent(double share) => Expressions.ValueFormatter.FormatNumber(Math.Round(share * 100, 2)) + "%";

    private static string KeysText(IReadOnlyList<RankKeyPlan> keys) =>
        string.Join("、", keys.Select(k => k.Label + (k.Descending ? string.Empty : "（低者在前）"))) + "、名单顺序";
}
