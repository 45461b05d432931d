using GradingEngine.Facts;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// Each organisation's outcome (by ordinal): level, total and ranking keys of the latest pass, whether its row was
/// rejected and whether the pass that writes graded it. Filled by <see cref="OrganisationGrading"/>, read by the
/// batch rules between the passes and by the summary after.
/// </summary>
internal sealed class OrganisationResults
{
    public OrganisationResults(CheckedScheme scheme, int organisations)
    {
        Levels = new int[organisations];
        Totals = new double[organisations];
        RejectedEarly = new bool[organisations];
        Graded = new bool[organisations];
        foreach (var key in scheme.Quotas.SelectMany(q => q.RankBy).Concat(scheme.BottomRankings.SelectMany(r => r.RankBy)))
        {
            if (!RankSlots.Contains(key.Slot))
            {
                RankSlots.Add(key.Slot);
            }
        }

        RankValues = new double[organisations * RankSlots.Count];
        Counts = new KindCounts(scheme);
    }

    /// <summary>The level ordinal each organisation was given (-1 for none).</summary>
    public int[] Levels { get; }

    public double[] Totals { get; }

    /// <summary>The slots of the quotas' and bottom rankings' keys, in the order of <see cref="RankValues"/>.</summary>
    public List<Slot> RankSlots { get; } = [];

    /// <summary><see cref="RankSlots"/>' values, organisation by organisation.</summary>
    public double[] RankValues { get; }

    /// <summary>The organisation's row was rejected (by any pass: a later pass skips it).</summary>
    public bool[] RejectedEarly { get; }

    /// <summary>The pass that writes graded the organisation.</summary>
    public bool[] Graded { get; }

    public long GradedCount { get; set; }

    /// <summary>Rows the grading passes rejected (beyond those the index rejected).</summary>
    public long Rejected { get; set; }

    public KindCounts Counts { get; }

    /// <summary>True when a pass has graded the organisation (its row was not rejected).</summary>
    public bool WasGraded(int ordinal) => !RejectedEarly[ordinal];

    public double RankValue(int ordinal, int key) => RankValues[(ordinal * RankSlots.Count) + key];
}
