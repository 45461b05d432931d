using GradingEngine.Batch.Binding;
using GradingEngine.Batch.Input;

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
    public static bool GroupedByOrganisation(RunContext context, OrganisationIndex index) =>
        ByBytes(context, index) ?? ByRecords(context, index);

    /// <summary>The question answered from the records as the grading reads them: decoded and split.</summary>
    internal static bool ByRecords(RunContext context, OrganisationIndex index)
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

    /// <summary>
    /// The same question answered from the organisation column's bytes (<see cref="CsvColumnScan"/>), about ten times
    /// cheaper than decoding and splitting the whole file; null when the file is not plain enough to read so. It sees
    /// every record the grading accepts (and perhaps some it rejects), with the same organisation, so "grouped" here
    /// is grouped for the grading too; "not grouped" only costs the ranking pass.
    /// </summary>
    internal static bool? ByBytes(RunContext context, OrganisationIndex index)
    {
        var path = context.Files.Members;
        if (context.Options.Input is not null || XlsxRecordStream.IsWorkbook(path))
        {
            return null;
        }

        System.Text.Encoding encoding;
        int column;
        using (var reader = context.Open(path))
        {
            if (reader.Format != RecordFormat.Csv || reader.Header.Count == 0)
            {
                return null;
            }

            encoding = reader.Encoding;
            column = ColumnMap.Build(context.Member, reader.Header, FileConventions.Members).OrganisationColumn;
            if (column < 0)
            {
                return null;
            }
        }

        var closed = new bool[index.Count];
        var current = -1;
        var last = new byte[64];
        var lastLength = -1;
        var chars = new char[64];
        var outcome = CsvColumnScan.Scan(path, encoding, column, organisation =>
        {
            if (organisation.IsEmpty || organisation.SequenceEqual(last.AsSpan(0, Math.Max(0, lastLength))))
            {
                return true; // the same text as the row before: the same organisation
            }

            if (chars.Length < organisation.Length)
            {
                chars = new char[organisation.Length * 2];
            }

            var id = chars.AsSpan(0, System.Text.Encoding.ASCII.GetChars(organisation, chars));
            var ordinal = index.OrdinalOf(id);
            if (ordinal < 0 || ordinal == current)
            {
                return true;
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
                last = new byte[organisation.Length * 2];
            }

            organisation.CopyTo(last);
            lastLength = organisation.Length;
            return true;
        }, context.Cancellation);
        return outcome switch
        {
            CsvColumnScan.Outcome.Read => true,
            CsvColumnScan.Outcome.Stopped => false,
            _ => null,
        };
    }
}
