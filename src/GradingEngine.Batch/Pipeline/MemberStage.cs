using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;
using GradingEngine.Facts;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// Every organisation's members as the organisation scheme reads them: the values kept of each graded member,
/// grouped by organisation in file order.
/// </summary>
internal sealed class KeptMembers(SlotStore store, MemberGrouping grouping, KindCounts counts, FileSummary file)
{
    private readonly (int[] First, int[] Count, int[]? Order) _members = grouping.Build();

    public KindCounts Counts => counts;

    public FileSummary File => file;

    /// <summary>The organisation's members' kept values in frames of <paramref name="pool"/> (reused: valid until the next call).</summary>
    public FactFrame[] Restore(int ordinal, MemberPool pool)
    {
        var (first, count, order) = _members;
        var frames = pool.Frames(count[ordinal]);
        var from = first[ordinal];
        for (var m = 0; m < frames.Length; m++)
        {
            store.Restore(order is null ? from + m : order[from + m], frames[m]);
        }

        return frames;
    }
}

/// <summary>
/// The members stage: grades the members file (a duplicate member id is rejected naming the first line), applying
/// the member scheme's quotas (as each organisation's members are committed, <see cref="MemberQuotaGroups"/>, or the
/// moves a ranking pass made, <see cref="MemberQuotaStage"/>), and keeps what the organisation scheme reads of each member.
/// </summary>
internal static class MemberStage
{
    /// <summary>
    /// How many rows ahead the id set is asked to fetch a member's place (<see cref="IdFirstLines.Prefetch"/>):
    /// <c>IdFirstLinesBenchmarks</c> claims a province's ids in 240 ns each without, 133 ns 8 ahead, 121 ns 16 ahead.
    /// </summary>
    private const int PrefetchAhead = 16;

    /// <param name="context">The run.</param>
    /// <param name="index">The organisations.</param>
    /// <param name="moves">The quotas' moves by line, from the ranking pass; null when there is none.</param>
    /// <param name="quotasInPass">Whether to apply the quotas while grading (the file lists each organisation's members together).</param>
    public static KeptMembers Run(RunContext context, OrganisationIndex index, IReadOnlyDictionary<long, (int Cap, string? Note)>? moves, bool quotasInPass = false)
    {
        var reads = context.Organisation.ChildReads[context.Grader.MembersInput.Id]!;
        var store = new SlotStore(reads, reads);
        var counts = new KindCounts(context.Member);
        var grouping = new MemberGrouping(index.Count);
        var pass = new SubjectPass("党员", context.Files.Members, ResultKind.Member, "members", context.Grader.MemberScheme.Engine, FileConventions.Members, store, counts, OnePerOrganisation: false, FingerprintIds: true)
        {
            Moves = moves,
            QuotasInPass = quotasInPass,
            Measures = context.Options.MemberMeasures,
            RankSlots = quotasInPass ? MemberQuotaGroups.RankSlots(context.Member) : [],
        };
        IdFirstLines? firstLines = null; // sized from the first block; dropped with this stage
        var file = SubjectGrading.Run(
            context,
            index,
            pass,
            (ordinal, _, _) => grouping.Add(ordinal),
            (reader, work, r, id, line) =>
            {
                firstLines ??= NewIdSet(reader, work.Block, grouping);
                for (var ahead = r == 0 ? 1 : PrefetchAhead; ahead <= PrefetchAhead && r + ahead < work.Block.Count; ahead++)
                {
                    firstLines.Prefetch(work.Ids[r + ahead]); // a bad row's stale fingerprint only wastes the hint
                }

                return firstLines.FirstOrAdd(work.Ids[r], line) is var first and > 0
                    ? new CellProblem(work.Map!.SubjectIdColumn + 1, "党员编号", $"党员编号“{id}”重复，首次出现在第 {first} 行 (duplicate member id; first at line {first})")
                    : null;
            });

        // The id set, about 110 MB for a province of 6 million members, is given back at once: kept while the
        // organisations are graded it would add to the run's peak (measured: 497 MB instead of 425 MB).
        firstLines?.Dispose();

        return new KeptMembers(store, grouping, counts, file);
    }

    /// <summary>The set of member ids sized from the file's first block, and the members expected told to <paramref name="grouping"/>.</summary>
    private static IdFirstLines NewIdSet(RecordFileReader reader, RecordBlock first, MemberGrouping grouping)
    {
        var expected = reader.EstimateRecords(first);
        grouping.Expect(expected);
        return new IdFirstLines(expected);
    }

    /// <summary>
    /// Groups items by organisation, keeping their order within each (a stable counting sort): organisation
    /// <c>o</c>'s items are <c>order[start[o]..start[o + 1]]</c>.
    /// </summary>
    internal static (int[] Start, int[] Order) GroupByOrganisation(ReadOnlySpan<int> organisationOf, int organisations)
    {
        var start = new int[organisations + 1];
        foreach (var ordinal in organisationOf)
        {
            start[ordinal + 1]++;
        }

        for (var i = 0; i < organisations; i++)
        {
            start[i + 1] += start[i];
        }

        var order = new int[organisationOf.Length];
        var next = start[..organisations];
        for (var m = 0; m < organisationOf.Length; m++)
        {
            order[next[organisationOf[m]]++] = m;
        }

        return (start, order);
    }
}
