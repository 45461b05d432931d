using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Pipeline;

/// <summary>Level and flag counts of one kind of subject, added to in file order by the committing thread.</summary>
internal sealed class KindCounts(CheckedScheme plan)
{
    public readonly long[] Levels = new long[plan.Levels.Count + 1]; // last: withheld
    public readonly long[] Flags = new long[plan.Flags.Count];
    public long Graded;

    public void Add(int level, ReadOnlySpan<bool> flags)
    {
        Graded++;
        Levels[level >= 0 ? level : Levels.Length - 1]++;
        for (var i = 0; i < flags.Length; i++)
        {
            if (flags[i])
            {
                Flags[i]++;
            }
        }
    }
}
