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
        var runs = new Runs<char>(index.Count);
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
                if (!runs.Same(organisation) && !runs.Next(organisation, index.OrdinalOf(organisation)))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// The same question answered from the organisation column's bytes (<see cref="CsvColumnScan"/>) in a fifth of the
    /// time (<c>MemberOrderBenchmarks</c>) of decoding and splitting the whole file; null when the file is not plain
    /// enough to read so. It sees every record the grading accepts (and perhaps some it rejects), with the same
    /// organisation, so "grouped" here is grouped for the grading too; "not grouped" only costs the ranking pass.
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

        var runs = new Runs<byte>(index.Count);
        var chars = new char[64];
        var outcome = CsvColumnScan.Scan(path, encoding, column, organisation =>
        {
            if (runs.Same(organisation))
            {
                return true;
            }

            if (chars.Length < organisation.Length)
            {
                chars = new char[organisation.Length * 2];
            }

            return runs.Next(organisation, index.OrdinalOf(chars.AsSpan(0, System.Text.Encoding.ASCII.GetChars(organisation, chars))));
        }, context.Cancellation);
        return outcome switch
        {
            CsvColumnScan.Outcome.Read => true,
            CsvColumnScan.Outcome.Stopped => false,
            _ => null,
        };
    }

    /// <summary>The organisations of the rows in turn, by their text: false once an organisation comes back after another's.</summary>
    private sealed class Runs<T>(int organisations)
        where T : IEquatable<T>
    {
        private readonly bool[] _closed = new bool[organisations];
        private int _current = -1;
        private T[] _last = new T[64];
        private int _lastLength = -1;

        /// <summary>Whether the text is empty or the row before's: the same organisation, nothing to look up.</summary>
        public bool Same(ReadOnlySpan<T> organisation) =>
            organisation.IsEmpty || organisation.SequenceEqual(_last.AsSpan(0, Math.Max(0, _lastLength)));

        /// <summary>The next row's organisation (its ordinal; -1 when unknown, left out as the grading rejects it); false when it comes back after another's.</summary>
        public bool Next(ReadOnlySpan<T> organisation, int ordinal)
        {
            if (ordinal < 0 || ordinal == _current)
            {
                return true;
            }

            if (_closed[ordinal])
            {
                return false; // an organisation's members come back after another's
            }

            if (_current >= 0)
            {
                _closed[_current] = true;
            }

            _current = ordinal;
            if (_last.Length < organisation.Length)
            {
                _last = new T[organisation.Length * 2];
            }

            organisation.CopyTo(_last);
            _lastLength = organisation.Length;
            return true;
        }
    }
}
