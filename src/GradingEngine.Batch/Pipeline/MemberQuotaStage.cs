using System.Runtime.InteropServices;
using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;
using GradingEngine.Facts;
using GradingEngine.RuleModel;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// The ranking pass of the member scheme's quotas (per organisation), before the members stage: grades the members
/// file without writing, keeping, of each accepted member at a quota's level, only its organisation, line, level and
/// ranking keys (and of each organisation the number of members with a level); then applies the quotas organisation
/// by organisation, members in file order, and returns the moves by line for the pass that writes. The same rows are
/// accepted in both passes (the file and the rules are the same), so a line names the same member. Needed only when
/// an organisation's members are spread over the file (<see cref="MemberOrder"/>); otherwise the members stage applies
/// the quotas itself.
/// </summary>
internal static class MemberQuotaStage
{
    public static Dictionary<long, (int Cap, string? Note)> Run(RunContext context, OrganisationIndex index)
    {
        var scheme = context.Member;
        var slots = MemberQuotaGroups.RankSlots(scheme);

        var quotaLevels = scheme.Quotas.Select(q => q.LevelOrdinal).ToHashSet();
        var width = slots.Count;
        var graded = new int[index.Count];
        var orgs = new List<int>();
        var lines = new List<long>();
        var levels = new List<byte>();
        var keys = new List<double>();
        IdFirstLines? firstLines = null;
        var reads = context.Organisation.ChildReads[context.Grader.MembersInput.Id]!;
        var pass = new SubjectPass("党员", context.Files.Members, ResultKind.Member, "members", context.Grader.MemberScheme.Engine, FileConventions.Members,
            new SlotStore(reads, reads), new KindCounts(scheme), OnePerOrganisation: false, FingerprintIds: true)
        {
            RankSlots = slots,
            Ranking = (work, r) =>
            {
                var level = work.Level[r];
                if (level < 0)
                {
                    return; // withheld (预备党员): takes part, is not counted in the base, cannot be moved
                }

                var ordinal = work.Ordinal[r];
                graded[ordinal]++;
                if (quotaLevels.Contains(level))
                {
                    orgs.Add(ordinal);
                    lines.Add(work.Block.LineOf(r));
                    levels.Add((byte)level);
                    for (var k = 0; k < width; k++)
                    {
                        keys.Add(work.Keys[(r * width) + k]);
                    }
                }
            },
        };
        SubjectGrading.Run(context, index, pass, (_, _, _) => { }, (reader, work, r, id, line) => (firstLines ??= new IdFirstLines(reader.EstimateRecords(work.Block))).FirstOrAdd(work.Ids[r], line) is > 0
            ? new CellProblem(0, null, string.Empty)
            : null);
        var large = firstLines is { Bytes: > 16 << 20 };
        firstLines?.Dispose();
        firstLines = null;

        // The candidates grouped by organisation, file order kept within each.
        var (start, order) = MemberStage.GroupByOrganisation(CollectionsMarshal.AsSpan(orgs), index.Count);
        var moves = new Dictionary<long, (int Cap, string? Note)>();
        var tally = new MemberQuotaTally(scheme);
        for (var ordinal = 0; ordinal < index.Count; ordinal++)
        {
            tally.Organisation(graded[ordinal]);
            var from = start[ordinal];
            var count = start[ordinal + 1] - from;
            if (count == 0)
            {
                continue;
            }

            var group = new int[count];
            for (var m = 0; m < count; m++)
            {
                group[m] = levels[order[from + m]];
            }

            var found = MemberQuotas.Apply(scheme, group, graded[ordinal], (m, key) => keys[(order[from + m] * width) + slots.IndexOf(key.Slot)]);
            tally.Add(found, m => lines[order[from + m]], moves);
        }

        tally.Summarise(context.RuleSummaries);

        if (large)
        {
            // As after the writing pass: this pass's id set and the candidates are garbage now; handed back at once,
            // they do not add to the peak of the writing pass, which builds its own id set.
            orgs = null!;
            lines = null!;
            keys = null!;
            levels = null!;
            order = null!;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }

        return moves;
    }
}
