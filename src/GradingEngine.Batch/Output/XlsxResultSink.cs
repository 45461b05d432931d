using System.Globalization;
using System.Text;
using GradingEngine.Batch.Summary;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;

namespace GradingEngine.Batch.Output;

/// <summary>
/// <c>results.xlsx</c>: one sheet per kind (党组织, 领导班子, 党员) with the CSV results' Chinese headers, the header row
/// frozen, 总分 and the item scores as number cells and every other cell as a text cell (MiniExcel writes text as
/// strings, never as formulas, so <c>=HYPERLINK(…)</c> in a name stays text). Staged among the result files and
/// switched in with them (<see cref="OutputFiles"/>).
/// </summary>
/// <remarks>
/// A workbook's sheets are written one after another, but a run hands out teams, members and organisations in turn.
/// So each kind's rows are first written as CSV (without the formula guard: these cells become text cells) to a
/// scratch file in the staging folder, and when the run is complete they are streamed from there into the workbook,
/// sheet by sheet, one row at a time: a province never sits in memory.
/// <para>A sheet holds at most 1,048,576 rows (the header and 1,048,575 results): a kind with more (a province's
/// members) continues in sheets named 党员2, 党员3 …, each with the header.</para>
/// </remarks>
internal sealed class XlsxResultSink(OutputFiles files, int rowsPerSheet = XlsxResultSink.MaxRowsPerSheet) : IResultSink
{
    /// <summary>The name of the spreadsheet among the result files.</summary>
    public const string FileName = "results.xlsx";

    /// <summary>The result rows a sheet holds below its header: Excel's 1,048,576 rows less one.</summary>
    public const int MaxRowsPerSheet = 1_048_575;

    private static readonly UTF8Encoding Utf8 = new(false);
    private readonly Dictionary<ResultKind, Sheet> _sheets = [];

    public void Begin(RunDescription run)
    {
    }

    public IResultRows? Open(ResultTable table)
    {
        var header = ResultFileSink.Header(table);
        var total = ResultFileSink.TotalColumn(table);
        var scratch = files.CreateScratch(table.Name + ".csv");
        var sheet = new Sheet(table.Label, header, total, total + table.Formatter.ItemIds.Count, scratch);
        _sheets[table.Kind] = sheet;
        return new Rows(table, sheet);
    }

    public void Complete(BatchSummary summary)
    {
        var workbook = new Dictionary<string, object>(StringComparer.Ordinal);
        var readers = new List<IEnumerator<IDictionary<string, object?>>>();
        foreach (var kind in new[] { ResultKind.Organisation, ResultKind.Team, ResultKind.Member })
        {
            if (_sheets.TryGetValue(kind, out var sheet))
            {
                sheet.Scratch.Flush();
                sheet.Scratch.Position = 0;
                var parts = Math.Max(1, (sheet.Count + rowsPerSheet - 1) / rowsPerSheet);
                var reader = sheet.Rows().GetEnumerator();
                readers.Add(reader);
                for (var part = 1; part <= parts; part++)
                {
                    // A kind without rows still gets its sheet with the header (MiniExcel takes the header from a table's columns).
                    workbook[part == 1 ? sheet.Name : sheet.Name + part.ToString(CultureInfo.InvariantCulture)] =
                        sheet.Count == 0 ? HeaderOnly(sheet.Header) : Take(reader, rowsPerSheet);
                }
            }
        }

        var stream = files.CreateStream(FileName, byteOrderMark: false, header: null);
        MiniExcel.SaveAs(stream, workbook, printHeader: true, excelType: ExcelType.XLSX, configuration: new OpenXmlConfiguration
        {
            FreezeRowCount = 1,
            FreezeColumnCount = 0,
        });
        foreach (var reader in readers)
        {
            reader.Dispose();
        }

        DisposeScratch();
    }

    private static System.Data.DataTable HeaderOnly(List<string> header)
    {
        var table = new System.Data.DataTable { Locale = CultureInfo.InvariantCulture };
        foreach (var column in header)
        {
            table.Columns.Add(column, typeof(string));
        }

        return table;
    }

    /// <summary>The next <paramref name="count"/> rows of a shared reader (sheets are written one after another).</summary>
    private static IEnumerable<IDictionary<string, object?>> Take(IEnumerator<IDictionary<string, object?>> rows, long count)
    {
        for (var i = 0L; i < count && rows.MoveNext(); i++)
        {
            yield return rows.Current;
        }
    }

    public void Commit()
    {
        // The result files' sink commits the staged files, the workbook with them.
    }

    public void Dispose() => DisposeScratch();

    private void DisposeScratch()
    {
        foreach (var sheet in _sheets.Values)
        {
            sheet.Scratch.Dispose();
        }
    }

    /// <summary>One kind's sheet: its name, header, the columns that hold numbers [<c>First</c>, <c>Last</c>], its scratch rows.</summary>
    private sealed record Sheet(string Name, List<string> Header, int First, int Last, FileStream Scratch)
    {
        /// <summary>Rows written so far (on the committing thread).</summary>
        public long Count { get; set; }

        /// <summary>The rows as MiniExcel reads them: header → value, numbers as doubles, read lazily from the scratch file.</summary>
        public IEnumerable<IDictionary<string, object?>> Rows()
        {
            using var reader = new StreamReader(Scratch, Utf8, false, 1 << 16, leaveOpen: true);
            var cells = new List<string>(Header.Count);
            while (ScratchCsv.Read(reader, cells))
            {
                var row = new Dictionary<string, object?>(Header.Count, StringComparer.Ordinal);
                for (var i = 0; i < Header.Count; i++)
                {
                    var cell = i < cells.Count ? cells[i] : string.Empty;
                    row[Header[i]] = i >= First && i <= Last
                        && double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                            ? number
                            : cell;
                }

                yield return row;
            }
        }
    }

    private sealed class Rows(ResultTable table, Sheet sheet) : IResultRows
    {
        public IResultBlock NewBlock() => new Block(table, sheet);
    }

    /// <summary>Rows formatted as CSV (text cells not guarded: they become text cells) by the worker, copied by the committing thread.</summary>
    private sealed class Block(ResultTable table, Sheet sheet) : IResultBlock
    {
        private readonly RowBuffer _rows = new(guardFormulas: false);

        public void Clear() => _rows.Clear();

        public void Add(in GradedRow row)
        {
            ResultFileSink.Block.AppendCsv(table, _rows.Text, row);
            _rows.EndRow();
        }

        public void Skip() => _rows.SkipRow();

        public void SkipTo(int records) => _rows.SkipTo(records);

        public void Write(int from, int to)
        {
            _rows.Write(sheet.Scratch, from, to);
            sheet.Count += _rows.Written(from, to);
        }
    }
}

/// <summary>Reads back the CSV records the run wrote itself (RFC 4180: quoted cells may hold commas, quotes and line breaks).</summary>
internal static class ScratchCsv
{
    /// <summary>Reads the next record's cells into <paramref name="cells"/>; false at the end.</summary>
    public static bool Read(TextReader reader, List<string> cells)
    {
        cells.Clear();
        if (reader.Peek() < 0)
        {
            return false;
        }

        var cell = new StringBuilder();
        var quoted = false;
        while (true)
        {
            var c = reader.Read();
            if (c < 0)
            {
                cells.Add(cell.ToString());
                return true;
            }

            if (quoted)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        cell.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    cell.Append((char)c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                cells.Add(cell.ToString());
                return true;
            }
            else
            {
                cell.Append((char)c);
            }
        }
    }
}
