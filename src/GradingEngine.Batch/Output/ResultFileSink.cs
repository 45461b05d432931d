using GradingEngine.Batch.Summary;

namespace GradingEngine.Batch.Output;

/// <summary>
/// The result files: <c>organisations</c>, <c>teams</c> and <c>members</c> as CSV and/or JSON Lines, <c>errors.csv</c>
/// and <c>summary.json</c>, staged and switched in all together (<see cref="OutputFiles"/>).
/// </summary>
/// <remarks>
/// CSV results and <c>errors.csv</c> are written in <paramref name="encoding"/> (UTF-8 with a byte-order mark, or
/// GB18030 without one); JSON Lines and <c>summary.json</c> are always UTF-8.
/// </remarks>
internal sealed class ResultFileSink(string folder, ResultFormats formats, ResultEncoding encoding, ICommitObserver? observer) : IResultSink
{
    private static readonly string[] TeamLead = ["组织编号"];
    private static readonly string[] MemberLead = ["党员编号", "组织编号"];
    private static readonly string[] OrganisationLead = ["组织编号", "组织名称"];
    private static readonly string[] OrganisationTail = ["名额调整", "末位排名", "上年等级", "升降"];
    private static readonly string[] QuotaColumn = ["名额调整"];

    private readonly OutputFiles _files = new(folder, observer);

    /// <summary>The results folder.</summary>
    public string Folder => folder;

    /// <summary>Opens <c>errors.csv</c>; the run writes it through an <see cref="ErrorLog"/>.</summary>
    public TextWriter OpenErrors() => _files.Create("errors.csv", byteOrderMark: true, encoding);

    public void Begin(RunDescription run)
    {
    }

    /// <summary>The staged files, which the spreadsheet (<see cref="XlsxResultSink"/>) is written among.</summary>
    public OutputFiles Files => _files;

    /// <summary>The CSV header cells of a kind's results (the spreadsheet's too).</summary>
    public static List<string> Header(ResultTable table) => (table.Kind switch
    {
        ResultKind.Team => TeamLead.Concat(table.Formatter.CsvHeader()),
        ResultKind.Member => MemberLead.Concat(table.Formatter.CsvHeader()).Concat(table.HasQuota ? QuotaColumn : []),
        _ => OrganisationLead.Concat(table.RegionLevels).Concat(table.Formatter.CsvHeader()).Concat(OrganisationTail),
    }).ToList();

    /// <summary>The index of a kind's first number column (总分); the item scores follow it.</summary>
    public static int TotalColumn(ResultTable table) => table.Kind switch
    {
        ResultKind.Team => TeamLead.Length,
        ResultKind.Member => MemberLead.Length,
        _ => OrganisationLead.Length + table.RegionLevels.Count,
    } + 1;

    public IResultRows? Open(ResultTable table)
    {
        var header = Header(table);
        var earlier = _files.Count;
        var csv = (formats & ResultFormats.Csv) != 0 ? _files.CreateStream(table.Name + ".csv", byteOrderMark: true, header, encoding, direct: true) : null;
        var json = (formats & ResultFormats.JsonLines) != 0 ? _files.CreateStream(table.Name + ".jsonl", byteOrderMark: false, header: null, direct: true) : null;
        _files.SyncInBackground(earlier); // the earlier kinds' rows are all written
        return new Rows(table, csv, json, encoding);
    }

    public void Complete(BatchSummary summary)
    {
        _files.SyncInBackground(_files.Count); // the last kind's rows are all written too: to disk beside the summary
        var writer = _files.Create("summary.json", byteOrderMark: false);
        SummaryJson.Write(summary, writer);
    }

    public void Commit() => _files.Commit();

    public void Dispose() => _files.Dispose();

    private sealed class Rows(ResultTable table, Stream? csv, Stream? json, ResultEncoding encoding) : IResultRows
    {
        public IResultBlock NewBlock() => new Block(table, csv, json, encoding);
    }

    /// <summary>Rows formatted and encoded (CSV in the results' encoding, JSON Lines in UTF-8) by the worker, copied to the files by the committing thread.</summary>
    internal sealed class Block(ResultTable table, Stream? csv, Stream? json, ResultEncoding encoding) : IResultBlock
    {
        private readonly RowBuffer _csv = new(encoding.Rows);
        private readonly RowBuffer _json = new();

        public void Clear()
        {
            _csv.Clear();
            _json.Clear();
        }

        public void Add(in GradedRow row)
        {
            if (csv is not null)
            {
                if (_csv.IsUtf8 && table.Kind != ResultKind.Organisation)
                {
                    AppendCsvUtf8(row);
                }
                else
                {
                    AppendCsv(table, _csv.Text, row);
                    _csv.EndRow();
                }
            }

            if (json is not null)
            {
                AppendJson(_json.Text, row);
                _json.EndRow();
            }
        }

        public void Skip()
        {
            _csv.SkipRow();
            _json.SkipRow();
        }

        public void SkipTo(int records)
        {
            _csv.SkipTo(records);
            _json.SkipTo(records);
        }

        public void Write(int from, int to)
        {
            if (csv is not null)
            {
                _csv.Write(csv, from, to);
            }

            if (json is not null)
            {
                _json.Write(json, from, to);
            }
        }

        /// <summary>One CSV result row, ended by a line feed.</summary>
        public static void AppendCsv(ResultTable table, CharBuffer text, in GradedRow row)
        {
            var formatter = table.Formatter;
            if (table.Kind == ResultKind.Organisation)
            {
                text.AppendCsv(row.Id);
                text.Append(',');
                text.AppendCsv(row.Name);
                foreach (var region in row.Region)
                {
                    text.Append(',');
                    text.AppendCsv(region);
                }

                formatter.AppendCsv(text, row.Frame, row.BottomFlag, scores: row.Scores);
                text.Append(',');
                text.AppendCsv(row.Quota ?? string.Empty);
                text.Append(',');
                text.AppendCsv(row.BottomNote ?? string.Empty);
                text.Append(',');
                text.AppendCsv(row.LastYear);
                text.Append(',');
                text.AppendCsv(row.Change);
            }
            else
            {
                if (table.Kind == ResultKind.Member)
                {
                    text.AppendCsv(row.Id);
                    text.Append(',');
                }

                text.AppendCsv(row.Organisation);
                formatter.AppendCsv(text, row.Frame, scores: row.Scores);
                if (table.HasQuota)
                {
                    text.Append(',');
                    text.AppendCsv(row.Quota ?? string.Empty);
                }
            }

            text.Append('\n');
        }

        /// <summary>
        /// A member's or a team's CSV row written as UTF-8 bytes, the same bytes as <see cref="AppendCsv"/> gives once
        /// encoded: a cell that needs no quoting is encoded as it stands, any other through <see cref="CharBuffer.AppendCsv"/>.
        /// </summary>
        private void AppendCsvUtf8(in GradedRow row)
        {
            if (table.Kind == ResultKind.Member)
            {
                AppendCell(row.Id);
                _csv.AppendAscii(',');
            }

            AppendCell(row.Organisation);
            table.Formatter.AppendCsvUtf8(_csv, row.Frame, row.Scores);
            if (table.HasQuota)
            {
                _csv.AppendAscii(',');
                AppendCell(row.Quota);
            }

            _csv.AppendAscii('\n');
            _csv.EndBytesRow();
        }

        private void AppendCell(ReadOnlySpan<char> text)
        {
            if (text.IsEmpty)
            {
                return;
            }

            if (CharBuffer.IsPlainCsvText(text))
            {
                _csv.AppendUtf8(text);
                return;
            }

            _csv.Text.AppendCsv(text);
            _csv.AppendText();
        }

        private void AppendJson(CharBuffer text, in GradedRow row)
        {
            var formatter = table.Formatter;
            text.Append("{\"id\":");
            text.AppendJson(row.Id);
            if (table.Kind == ResultKind.Organisation)
            {
                text.Append(",\"name\":");
                text.AppendJson(row.Name);
                text.Append(",\"region\":{");
                for (var g = 0; g < row.Region.Length; g++)
                {
                    if (g > 0)
                    {
                        text.Append(',');
                    }

                    text.AppendJson(table.RegionLevels[g]);
                    text.Append(':');
                    text.AppendJson(row.Region[g]);
                }

                text.Append('}');
                formatter.AppendJson(text, row.Frame, row.BottomFlag);
                text.Append(",\"quota\":");
                AppendJsonOrNull(text, row.Quota);
                text.Append(",\"bottomRanking\":");
                AppendJsonOrNull(text, row.BottomNote);
                text.Append(",\"lastYear\":");
                AppendJsonOrNull(text, row.LastYear.Length == 0 ? null : row.LastYear);
                text.Append(",\"change\":");
                AppendJsonOrNull(text, row.Change.Length == 0 ? null : row.Change);
            }
            else
            {
                text.Append(",\"organisation\":");
                text.AppendJson(row.Organisation);
                formatter.AppendJson(text, row.Frame);
                if (table.HasQuota)
                {
                    text.Append(",\"quota\":");
                    AppendJsonOrNull(text, row.Quota);
                }
            }

            text.Append("}\n");
        }

        private static void AppendJsonOrNull(CharBuffer buffer, string? text)
        {
            if (text is null)
            {
                buffer.Append("null");
            }
            else
            {
                buffer.AppendJson(text);
            }
        }
    }
}
