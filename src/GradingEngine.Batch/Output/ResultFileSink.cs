using GradingEngine.Batch.Summary;

namespace GradingEngine.Batch.Output;

/// <summary>
/// The result files: <c>organisations</c>, <c>teams</c> and <c>members</c> as CSV and/or JSON Lines, <c>errors.csv</c>
/// and <c>summary.json</c>, staged and switched in all together (<see cref="OutputFiles"/>).
/// </summary>
internal sealed class ResultFileSink(string folder, ResultFormats formats, ICommitObserver? observer) : IResultSink
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
    public TextWriter OpenErrors() => _files.Create("errors.csv", byteOrderMark: true);

    public void Begin(RunDescription run)
    {
    }

    public IResultRows? Open(ResultTable table)
    {
        var header = table.Kind switch
        {
            ResultKind.Team => TeamLead.Concat(table.Formatter.CsvHeader()),
            ResultKind.Member => MemberLead.Concat(table.Formatter.CsvHeader()).Concat(table.HasQuota ? QuotaColumn : []),
            _ => OrganisationLead.Concat(table.RegionLevels).Concat(table.Formatter.CsvHeader()).Concat(OrganisationTail),
        };
        var csv = (formats & ResultFormats.Csv) != 0 ? _files.CreateStream(table.Name + ".csv", byteOrderMark: true, header) : null;
        var json = (formats & ResultFormats.JsonLines) != 0 ? _files.CreateStream(table.Name + ".jsonl", byteOrderMark: false, header: null) : null;
        return new Rows(table, csv, json);
    }

    public void Complete(BatchSummary summary)
    {
        var writer = _files.Create("summary.json", byteOrderMark: false);
        SummaryJson.Write(summary, writer);
    }

    public void Commit() => _files.Commit();

    public void Dispose() => _files.Dispose();

    private sealed class Rows(ResultTable table, Stream? csv, Stream? json) : IResultRows
    {
        public IResultBlock NewBlock() => new Block(table, csv, json);
    }

    /// <summary>Rows formatted and encoded to UTF-8 by the worker, copied to the files by the committing thread.</summary>
    private sealed class Block(ResultTable table, Stream? csv, Stream? json) : IResultBlock
    {
        private readonly RowBuffer _csv = new();
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
                AppendCsv(_csv.Text, row);
                _csv.EndRow();
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

        private void AppendCsv(CharBuffer text, in GradedRow row)
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

                formatter.AppendCsv(text, row.Frame, row.BottomFlag);
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
                formatter.AppendCsv(text, row.Frame);
                if (table.HasQuota)
                {
                    text.Append(',');
                    text.AppendCsv(row.Quota ?? string.Empty);
                }
            }

            text.Append('\n');
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
