using System.Runtime.CompilerServices;
using GradingEngine.Batch.Summary;
using GradingEngine.Expressions;
using GradingEngine.RuleModel;
using GradingEngine.Schemes;

namespace GradingEngine.Batch.Pipeline;

/// <summary>What the organisation scheme's quotas and bottom rankings did to each organisation (by ordinal).</summary>
internal sealed class BatchRuleOutcome
{
    private readonly int[] _imposedCap;
    private readonly string?[] _quotaNotes;
    private readonly (string Label, string Note)?[] _bottomMarks;

    private BatchRuleOutcome(int[] imposedCap, string?[] quotaNotes, (string Label, string Note)?[] bottomMarks)
    {
        _imposedCap = imposedCap;
        _quotaNotes = quotaNotes;
        _bottomMarks = bottomMarks;
    }

    /// <summary>No batch rule acted (the scheme has none, or they have not been applied yet).</summary>
    public static BatchRuleOutcome None { get; } = new([], [], []);

    /// <summary>The best level a quota left the organisation (a level ordinal; 0 when no quota capped it).</summary>
    public int ImposedCap(int ordinal) => _imposedCap.Length == 0 ? 0 : _imposedCap[ordinal];

    /// <summary>名额调整: why a quota moved the organisation down; null when none did.</summary>
    public string? QuotaNote(int ordinal) => _quotaNotes.Length == 0 ? null : _quotaNotes[ordinal];

    /// <summary>The bottom ranking that marked the organisation (its flag's label and the note); null when none did.</summary>
    public (string Label, string Note)? BottomMark(int ordinal) => _bottomMarks.Length == 0 ? null : _bottomMarks[ordinal];

    internal static BatchRuleOutcome Of(int[] imposedCap, string?[] quotaNotes, (string Label, string Note)?[] bottomMarks) => new(imposedCap, quotaNotes, bottomMarks);
}

/// <summary>
/// The stage between the organisations' ranking pass and the pass that writes: applies the scheme's quotas (best
/// level first, so an organisation moved down counts against the next level's quota) and bottom rankings, group by
/// group, from the first pass's levels and ranking keys. Ties are broken by the next key, then by organisation id
/// (ordinal string order), so the outcome never depends on file order or threads.
/// </summary>
internal static class BatchRulesStage
{
    /// <param name="scheme">The organisation scheme.</param>
    /// <param name="index">The organisations.</param>
    /// <param name="ranked">The first pass: levels, ranking keys and which organisations were graded.</param>
    /// <param name="summaries">Receives what each quota and ranking did.</param>
    /// <param name="threads">How many groups are ranked at once.</param>
    public static BatchRuleOutcome Apply(CheckedScheme scheme, OrganisationIndex index, OrganisationResults ranked, List<BatchRuleSummary> summaries, int threads)
    {
        var orgs = index.Count;
        var imposedCap = new int[orgs];
        var quotaNotes = new string?[orgs];
        var bottomMarks = new (string, string)?[orgs];
        var levels = (int[])ranked.Levels.Clone();
        foreach (var quota in scheme.Quotas.OrderBy(q => q.LevelOrdinal))
        {
            var groups = index.Groups(quota.Within, ranked.WasGraded);
            var orders = RankEach(index, ranked, groups, quota.RankBy, threads);
            var (share, keysText, level) = (Percent(quota.Share), KeysText(quota.RankBy), scheme.Levels[quota.LevelOrdinal].DisplayName);
            long moved = 0;
            foreach (var order in orders)
            {
                var allowed = MemberQuotas.Allowed(quota.Share, order.Count, quota.Rounding);
                string? group = null; // the group's name, once for all of its organisations
                var kept = 0;
                for (var position = 0; position < order.Count; position++)
                {
                    var ordinal = order[position];
                    if (levels[ordinal] != quota.LevelOrdinal)
                    {
                        continue;
                    }

                    if (kept < allowed)
                    {
                        kept++;
                        continue;
                    }

                    moved++;
                    var lower = quota.LevelOrdinal + 1;
                    levels[ordinal] = lower;
                    imposedCap[ordinal] = Math.Max(imposedCap[ordinal], lower);
                    group ??= index.GroupName(quota.Within, ordinal);
                    quotaNotes[ordinal] = $"{quota.DisplayName}：{group}共 {order.Count} 个党组织，“{level}”至多 {allowed} 个"
                        + $"（{share}），按{keysText}排名第 {position + 1}，"
                        + $"由“{level}”调为“{scheme.Levels[lower].DisplayName}”";
                }
            }

            summaries.Add(new BatchRuleSummary(quota.Id, "名额", quota.DisplayName, groups.Count, moved));
        }

        foreach (var ranking in scheme.BottomRankings)
        {
            var groups = index.Groups(ranking.Within, ranked.WasGraded);
            var orders = RankEach(index, ranked, groups, ranking.RankBy, threads);
            var (share, keysText, description) = (Percent(ranking.Share), KeysText(ranking.RankBy), ranking.Description ?? ranking.DisplayName);
            long marked = 0;
            foreach (var order in orders)
            {
                var count = MemberQuotas.Allowed(ranking.Share, order.Count, ranking.Rounding);
                string? group = null; // the group's name, once for all of its organisations
                for (var position = order.Count - count; position < order.Count; position++)
                {
                    var ordinal = order[position];
                    marked++;
                    group ??= index.GroupName(ranking.Within, ordinal);
                    bottomMarks[ordinal] = (ranking.DisplayName,
                        $"{description}：{group}共 {order.Count} 个党组织，按{keysText}排名第 {position + 1}，属后 {share}（{count} 个）");
                }
            }

            summaries.Add(new BatchRuleSummary(ranking.Id, "末位排名", ranking.Description ?? ranking.DisplayName, groups.Count, marked));
        }

        return BatchRuleOutcome.Of(imposedCap, quotaNotes, bottomMarks);
    }

    /// <summary>
    /// Each group ranked (<see cref="Rank"/>), the groups on every core: a province's 300,000 organisations in some
    /// 2,000 counties are millions of comparisons, once per run. The ranking of a group depends on nothing else, so the
    /// outcome is the same on any number of threads.
    /// </summary>
    private static List<int>[] RankEach(OrganisationIndex index, OrganisationResults ranked, List<List<int>> groups, IReadOnlyList<RankKeyPlan> keys, int threads)
    {
        var orders = new List<int>[groups.Count];
        Parallel.For(0, groups.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads) }, g => orders[g] = Rank(index, ranked, groups[g], keys));
        return orders;
    }

    /// <summary>Best first: by each key (descending unless the key says ascending), then by organisation id.</summary>
    private static List<int> Rank(OrganisationIndex index, OrganisationResults ranked, List<int> members, IReadOnlyList<RankKeyPlan> keys)
    {
        var order = new List<int>(members);
        order.Sort(new RankOrder(index, ranked, [.. keys.Select(k => ranked.RankSlots.IndexOf(k.Slot))], [.. keys.Select(k => k.Descending)]));
        return order;
    }

    /// <summary>
    /// The ranking's comparison, compiled optimised from its first call: it runs millions of times once per run,
    /// mostly before the runtime's tiering would have replaced its first, unoptimised code (a province's cold run
    /// spent 0.4 s more here than a warm one).
    /// </summary>
    private sealed class RankOrder(OrganisationIndex index, OrganisationResults ranked, int[] keys, bool[] descending) : IComparer<int>
    {
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public int Compare(int a, int b)
        {
            for (var k = 0; k < keys.Length; k++)
            {
                var x = ranked.RankValue(a, keys[k]);
                var y = ranked.RankValue(b, keys[k]);
                var compared = descending[k] ? y.CompareTo(x) : x.CompareTo(y);
                if (compared != 0)
                {
                    return compared;
                }
            }

            return string.CompareOrdinal(index.IdOf(a), index.IdOf(b));
        }
    }

    private static string Percent(double share) => ValueFormatter.FormatNumber(share * 100) + "%";

    private static string KeysText(IReadOnlyList<RankKeyPlan> keys) =>
        string.Join("、", keys.Select(k => k.Label + (k.Descending ? string.Empty : "（低者在前）"))) + "、组织编号";
}
