using GradingEngine.Facts;
using GradingEngine.RuleModel;

namespace GradingEngine.Grading.Typed;

/// <summary>
/// A member scheme's quotas over the members of one typed row, as <see cref="MemberQuotas.Apply"/> ranks and moves them
/// (quotas best level first, a member moved down counting against the next level's quota; ranked by each key, then
/// list order), but with the scope's scratch buffers and without the notes a typed row never shows: nothing is
/// allocated. Those beyond a quota are graded again with the next level down as their best.
/// </summary>
internal static class RowQuotas
{
    public static void Apply(GradingScheme linked, List<FactFrame> members, BindScope scope)
    {
        var plan = linked.Model;
        var quotas = plan.Quotas;
        var count = members.Count;
        if (quotas.Count == 0 || count == 0)
        {
            return;
        }

        var levels = scope.QuotaLevels(count);
        var graded = 0;
        for (var m = 0; m < count; m++)
        {
            levels[m] = (int)members[m].Numbers[plan.Level.Index];
            graded += levels[m] >= 0 ? 1 : 0;
        }

        var ranking = scope.QuotaRanking(count);
        var moves = scope.QuotaMoves;
        moves.Clear();

        // Level by level, best first; quotas of one level in declaration order (the order of a stable sort by level).
        for (var ordinal = 0; ordinal < plan.Levels.Count; ordinal++)
        {
            for (var q = 0; q < quotas.Count; q++)
            {
                var quota = quotas[q];
                if (quota.LevelOrdinal != ordinal)
                {
                    continue;
                }

                var at = 0;
                for (var m = 0; m < count; m++)
                {
                    if (levels[m] == ordinal)
                    {
                        ranking[at++] = m;
                    }
                }

                var allowed = MemberQuotas.Allowed(quota.Share, graded, quota.Rounding);
                if (at <= allowed)
                {
                    continue;
                }

                Sort(ranking.AsSpan(0, at), new Ranking(members, quota.RankBy));
                for (var position = allowed; position < at; position++)
                {
                    levels[ranking[position]] = ordinal + 1;
                    moves.Add((ranking[position], ordinal + 1));
                }
            }
        }

        if (moves.Count == 0)
        {
            return;
        }

        var evaluator = linked.Evaluator;
        foreach (var (member, level) in moves)
        {
            var frame = members[member];
            frame.Numbers[plan.ImposedCap.Index] = level;
            scope.Evaluate(evaluator, frame);
        }
    }

    /// <summary>
    /// Sorts by the ranking: an insertion sort for the few members of one level of one organisation (the framework's
    /// sort boxes the comparer and makes a delegate of it, per call), the framework's for long lists. The ranking is a
    /// total order, so both give the same order.
    /// </summary>
    private static void Sort(Span<int> items, Ranking ranking)
    {
        if (items.Length > 64)
        {
            items.Sort(ranking);
            return;
        }

        for (var i = 1; i < items.Length; i++)
        {
            var item = items[i];
            var j = i - 1;
            while (j >= 0 && ranking.Compare(items[j], item) > 0)
            {
                items[j + 1] = items[j];
                j--;
            }

            items[j + 1] = item;
        }
    }

    /// <summary>By each rank key (higher first unless ascending), then list order: a total order, so any sort gives the same ranking.</summary>
    private readonly struct Ranking(List<FactFrame> members, IReadOnlyList<RankKeyPlan> keys) : IComparer<int>
    {
        public int Compare(int a, int b)
        {
            for (var k = 0; k < keys.Count; k++)
            {
                var slot = keys[k].Slot.Index;
                var x = members[a].Numbers[slot];
                var y = members[b].Numbers[slot];
                var order = keys[k].Descending ? y.CompareTo(x) : x.CompareTo(y);
                if (order != 0)
                {
                    return order;
                }
            }

            return a.CompareTo(b);
        }
    }
}
