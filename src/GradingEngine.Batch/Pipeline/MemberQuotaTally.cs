using GradingEngine.Batch.Summary;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// What the member scheme's quotas did over a run, whichever way they were applied (<see cref="MemberQuotaGroups"/>
/// in the members pass, <see cref="MemberQuotaStage"/> in a ranking pass of its own): the organisations with graded
/// members, the members moved to each level, and each moved member's last level with every note that moved it.
/// </summary>
internal sealed class MemberQuotaTally(CheckedScheme scheme)
{
    private readonly long[] _moved = new long[scheme.Levels.Count];
    private long _groups;

    /// <summary>Counts an organisation: it takes part when any of its members has a level.</summary>
    public void Organisation(int graded) => _groups += graded > 0 ? 1 : 0;

    /// <summary>
    /// Adds an organisation's moves to <paramref name="into"/> by <paramref name="keyOf"/> (a member two quotas move keeps
    /// the last level and both notes).
    /// </summary>
    public void Add<TKey>(List<MemberQuotas.Move>? found, Func<int, TKey> keyOf, Dictionary<TKey, (int Cap, string? Note)> into)
        where TKey : notnull
    {
        foreach (var move in found ?? [])
        {
            var key = keyOf(move.Member);
            into[key] = into.TryGetValue(key, out var earlier) ? (move.Level, earlier.Note + "；" + move.Note) : (move.Level, move.Note);
            _moved[move.Level - 1]++;
        }
    }

    /// <summary>One summary per quota, best level first, as the run's summary lists them.</summary>
    public void Summarise(List<BatchRuleSummary> summaries)
    {
        foreach (var quota in scheme.Quotas.OrderBy(q => q.LevelOrdinal))
        {
            summaries.Add(new BatchRuleSummary(quota.Id, "党员名额", quota.DisplayName, _groups, _moved[quota.LevelOrdinal]));
        }
    }
}
