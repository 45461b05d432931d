using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Output;
using GradingEngine.Batch.Summary;
using GradingEngine.Facts;

namespace GradingEngine.Batch.Pipeline;

/// <summary>Each organisation's team as the organisation scheme reads it: the values kept of its graded row.</summary>
internal sealed class KeptTeams(int[] rowOf, SlotStore store, KindCounts counts, FileSummary file)
{
    public KindCounts Counts => counts;

    public FileSummary File => file;

    /// <summary>True when the organisation's team was graded.</summary>
    public bool Has(int ordinal) => rowOf[ordinal] >= 0;

    /// <summary>Writes the team's kept values into the organisation's frame.</summary>
    public void Restore(int ordinal, FactFrame frame) => store.Restore(rowOf[ordinal], frame);
}

/// <summary>
/// The teams stage: grades the leadership teams file (one team per organisation; a second row for the same
/// organisation is rejected naming the first) and keeps what the organisation scheme reads of each team.
/// </summary>
internal static class TeamStage
{
    public static KeptTeams Run(RunContext context, OrganisationIndex index)
    {
        var rowOf = new int[index.Count];
        Array.Fill(rowOf, -1);
        var firstLine = new long[index.Count];
        var copies = context.Grader.TeamInput.Copies;
        var store = new SlotStore(copies.Select(c => c.From).ToList(), copies.Select(c => c.To).ToList());
        var counts = new KindCounts(context.Team);
        var pass = new SubjectPass("领导班子", context.Files.Teams, ResultKind.Team, "teams", context.Grader.TeamScheme.Engine, FileConventions.Teams, store, counts, OnePerOrganisation: true, FingerprintIds: false);
        var file = SubjectGrading.Run(
            context,
            index,
            pass,
            (ordinal, row, _) => rowOf[ordinal] = (int)row,
            (_, work, r, id, line) =>
            {
                // A row of an organisation not in the index is rejected as unknown, however many there are.
                var ordinal = work.Ordinal[r];
                if (ordinal < 0)
                {
                    return null;
                }

                var first = firstLine[ordinal];
                if (first == 0)
                {
                    firstLine[ordinal] = line;
                    return null;
                }

                return new CellProblem(work.Map!.OrganisationColumn + 1, "组织编号",
                    $"组织编号“{id}”重复：该组织的领导班子已在第 {first} 行给出 (duplicate organisation id: this organisation's team was already given at line {first})");
            });
        return new KeptTeams(rowOf, store, counts, file);
    }
}
