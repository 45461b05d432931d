using GradingEngine.Batch.Binding;

namespace GradingEngine.Batch.Pipeline;

/// <summary>
/// Whether the members file lists each organisation's members together (the organisations in any order), as
/// exports by organisation do: then the member scheme's quotas can be applied as the members are graded, in one
/// pass (<see cref="MemberQuotaGroups"/>), instead of a ranking pass over the whole file first
/// (<see cref="MemberQuotaStage"/>). Reads only the organisation column, as the grading does: rows that cannot be
/// read or name no known organisation are left out, as the grading rejects them.
/// </summary>
internal static class MemberOrder
{
    public static bool GroupedByOrganisation(RunContext context, OrganisationIndex index)
    {
        using var reader = context.Open(context.Files.Members);
        var maps = new ColumnMaps(context.Member, FileConventions.Members);
        var block = reader.NewBlock();
        var closed = new bool[index.Count];
        var current = -1;
        var last = new char[64];
        var lastLength = -1;
        while (reader.ReadBlock(block))
        {
            context.Cancellation.ThrowIfCancellationRequested();
            var column = maps.For(block).OrganisationColumn;
            for (var r = 0; r < block.Count; r++)
            {
                if (block.ErrorOf(r) is not null)
                {
                    continue;
                }

                var organisation = RunContext.FieldIn(block, r, column);
                if (organisation.IsEmpty || organisation.SequenceEqual(last.AsSpan(0, Math.Max(0, lastLength))))
                {
                    continue; // the same text as the row before: the same organisation
                }

                var ordinal = index.OrdinalOf(organisation);
                if (ordinal < 0 || ordinal == current)
                {
                    continue;
                }

                if (closed[ordinal])
                {
                    return false; // an organisation's members come back after another's
                }

                if (current >= 0)
                {
                    closed[current] = true;
                }

                current = ordinal;
                if (last.Length < organisation.Length)
                {
                    last = new char[organisation.Length * 2];
                }

                organisation.CopyTo(last);
                lastLength = organisation.Length;
            }
        }

        return true;
    }
}
