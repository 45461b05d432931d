using GradingEngine.Batch.Binding;
using GradingEngine.RuleModel;
using GradingEngine.Expressions;
using GradingEngine.Schemes;

namespace GradingEngine.Batch;

internal sealed partial class ProvinceRun
{
    private string?[] _quotaNotes = [];
    private (string Label, string Note)?[] _bottomMarks = [];
    private readonly List<Summary.BatchRuleSummary> _ruleSummaries = [];

    private string? QuotaNote(int ordinal) => _quotaNotes.Length == 0 ? null : _quotaNotes[ordinal];

    private (string Label, string Note)? BottomMark(int ordinal) => _bottomMarks.Length == 0 ? null : _bottomMarks[ordinal];

    /// <summary>
    /// Applies the scheme's quotas (best level first, so an organisation moved down counts against the next level's
    /// quota) and bottom rankings, group by group, from the first pass's levels and ranking keys. Ties are broken by the
    /// next key, then by organisation id (ordinal string order), so the outcome never depends on file order or threads.
    /// </summary>
    private void ApplyBatchRules()
    {
        var orgs = _orgIds.Count;
        _quotaNotes = new string?[orgs];
        _bottomMarks = new (string, string)?[orgs];
        var levels = (int[])_levels.Clone();
        foreach (var quota in _org.Quotas.OrderBy(q => q.LevelOrdinal))
        {
            var groups = Groups(quota.Within);
            long moved = 0;
            foreach (var members in groups)
            {
                var ranked = Rank(members, quota.RankBy);
                var allowed = Allowed(quota.Share, ranked.Count, quota.Rounding);
                var kept = 0;
                for (var position = 0; position < ranked.Count; position++)
                {
                    var ordinal = ranked[position];
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
                    _imposedCap[ordinal] = Math.Max(_imposedCap[ordinal], lower);
                    var group = GroupName(quota.Within, ordinal);
                    _quotaNotes[ordinal] = $"{quota.DisplayName}：{group}共 {ranked.Count} 个党组织，“{_org.Levels[quota.LevelOrdinal].DisplayName}”至多 {allowed} 个"
                        + $"（{Percent(quota.Share)}），按{KeysText(quota.RankBy)}排名第 {position + 1}，"
                        + $"由“{_org.Levels[quota.LevelOrdinal].DisplayName}”调为“{_org.Levels[lower].DisplayName}”";
                }
            }

            _ruleSummaries.Add(new Summary.BatchRuleSummary(quota.Id, "名额", quota.DisplayName, groups.Count, moved));
        }

        foreach (var ranking in _org.BottomRankings)
        {
            var groups = Groups(ranking.Within);
            long marked = 0;
            foreach (var members in groups)
            {
                var ranked = Rank(members, ranking.RankBy);
                var count = Allowed(ranking.Share, ranked.Count, ranking.Rounding);
                for (var position = ranked.Count - count; position < ranked.Count; position++)
                {
                    var ordinal = ranked[position];
                    marked++;
                    var group = GroupName(ranking.Within, ordinal);
                    _bottomMarks[ordinal] = (ranking.DisplayName,
                        $"{ranking.Description ?? ranking.DisplayName}：{group}共 {ranked.Count} 个党组织，按{KeysText(ranking.RankBy)}排名第 {position + 1}，"
                        + $"属后 {Percent(ranking.Share)}（{count} 个）");
                }
            }

            _ruleSummaries.Add(new Summary.BatchRuleSummary(ranking.Id, "末位排名", ranking.Description ?? ranking.DisplayName, groups.Count, marked));
        }
    }

    /// <summary>The organisations graded in the first pass, grouped by the value of a column, groups in order of first appearance.</summary>
    private List<List<int>> Groups(string within)
    {
        var column = IndexOfGroup(within);
        var byValue = new Dictionary<int, List<int>>();
        var groups = new List<List<int>>();
        for (var ordinal = 0; ordinal < _orgIds.Count; ordinal++)
        {
            if (_orgRejectedEarly[ordinal] || _teamIndex[ordinal] < 0)
            {
                continue;
            }

            var key = _orgGroups[ordinal][column];
            if (!byValue.TryGetValue(key, out var list))
            {
                byValue[key] = list = [];
                groups.Add(list);
            }

            list.Add(ordinal);
        }

        return groups;
    }

    private int IndexOfGroup(string column)
    {
        for (var g = 0; g < _groupColumns.Count; g++)
        {
            if (_groupColumns[g] == column)
            {
                return g;
            }
        }

        throw new InvalidOperationException($"Group column '{column}' was not indexed.");
    }

    /// <summary>The group's path for messages, e.g. 示例省青山市东湖区 (the region levels down to the group's column).</summary>
    private string GroupName(string within, int ordinal)
    {
        var column = IndexOfGroup(within);
        var levelIndex = -1;
        for (var i = 0; i < _options.RegionLevels.Count; i++)
        {
            if (_options.RegionLevels[i] == within)
            {
                levelIndex = i;
            }
        }

        if (levelIndex < 0)
        {
            return $"{within}“{_groupValues[column][_orgGroups[ordinal][column]]}”";
        }

        return string.Concat(Enumerable.Range(0, levelIndex + 1).Select(g => _groupValues[g][_orgGroups[ordinal][g]]));
    }

    /// <summary>Best first: by each key (descending unless the key says ascending), then by organisation id.</summary>
    private List<int> Rank(List<int> members, IReadOnlyList<RankKeyPlan> keys)
    {
        var indexes = keys.Select(k => _rankSlots.IndexOf(k.Slot)).ToArray();
        var ranked = new List<int>(members);
        var width = _rankSlots.Count;
        ranked.Sort((a, b) =>
        {
            for (var k = 0; k < keys.Count; k++)
            {
                var x = _rankValues[(a * width) + indexes[k]];
                var y = _rankValues[(b * width) + indexes[k]];
                var order = keys[k].Descending ? y.CompareTo(x) : x.CompareTo(y);
                if (order != 0)
                {
                    return order;
                }
            }

            return string.CompareOrdinal(_orgIds[a], _orgIds[b]);
        });
        return ranked;
    }

    private static int Allowed(double share, int count, QuotaRounding rounding) => MemberQuotas.Allowed(share, count, rounding);

    private static string Percent(double share) => ValueFormatter.FormatNumber(share * 100) + "%";

    private static string KeysText(IReadOnlyList<RankKeyPlan> keys) =>
        string.Join("、", keys.Select(k => k.Label + (k.Descending ? string.Empty : "（低者在前）"))) + "、组织编号";
}
