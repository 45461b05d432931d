using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using MiniExcelLibs;

namespace GradingEngine.Batch.Input;

/// <summary>
/// The first sheet of an <c>.xlsx</c> workbook as CSV text (UTF-8; its first row is the header), produced as the sheet
/// is read with MiniExcel (a few hundred rows at a time, never the whole sheet), so that its rows get exactly the checks
/// a CSV file's get. Text cells are written as text; number cells as the CSV files write numbers (invariant, shortest
/// round-trip: 30, 0.5); booleans as true/false; dates as yyyy-MM-dd; an empty cell is an empty field and an empty row
/// a blank line, so the reader's line numbers are the sheet's row numbers (as long as no cell holds a line break).
/// </summary>
internal sealed class XlsxRecordStream : ProducedStream
{
    private static readonly ConcurrentDictionary<string, string> Sheets = new(StringComparer.Ordinal);
    private readonly IEnumerator<IDictionary<string, object?>> _rows;
    private readonly CsvRowText _csv = new();
    private bool _done;

    private XlsxRecordStream(string path, string sheet)
    {
        _rows = MiniExcel.Query(path, useHeaderRow: false, sheetName: sheet, excelType: ExcelType.XLSX)
            .Cast<IDictionary<string, object?>>()
            .GetEnumerator();
    }

    /// <summary>Whether the path names a workbook.</summary>
    public static bool IsWorkbook(string path) => path.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens the workbook's first sheet.</summary>
    /// <exception cref="BatchInputException">The file is not a workbook MiniExcel can read, or it has no sheet.</exception>
    public static XlsxRecordStream Open(string path) => new(path, SheetOf(path));

    /// <summary>How errors.csv names a workbook's rows: the file and its sheet, <c>organisations.xlsx[Sheet1]</c>.</summary>
    public static string Describe(string path) => $"{Path.GetFileName(path)}[{SheetOf(path)}]";

    /// <summary>The first sheet's name.</summary>
    private static string SheetOf(string path) => Sheets.GetOrAdd(Path.GetFullPath(path), full =>
    {
        try
        {
            return MiniExcel.GetSheetNames(full).FirstOrDefault()
                ?? throw new BatchInputException($"工作簿“{Path.GetFileName(full)}”中没有工作表 (the workbook has no sheet)");
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Xml.XmlException or InvalidOperationException)
        {
            throw new BatchInputException($"无法读取工作簿“{Path.GetFileName(full)}”：{ex.Message} (cannot read the workbook)");
        }
    });

    protected override ReadOnlyMemory<byte> Produce()
    {
        if (_done)
        {
            return ReadOnlyMemory<byte>.Empty;
        }

        Fill();
        return _csv.Take();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _rows.Dispose();
        }

        base.Dispose(disposing);
    }

    private void Fill()
    {
        for (var rows = 0; rows < 512; rows++)
        {
            if (!_rows.MoveNext())
            {
                _done = true;
                break;
            }

            var values = _rows.Current.Values;
            if (values.All(v => v is null || (v is string s && s.Length == 0)))
            {
                _csv.EndRow();
                continue;
            }

            // Trailing empty cells (columns the sheet's dimension names beyond the header) are left out.
            var last = values.Count - 1;
            var cells = values.ToList();
            while (last > 0 && cells[last] is null)
            {
                last--;
            }

            for (var i = 0; i <= last; i++)
            {
                _csv.Value(cells[i], first: i == 0);
            }

            _csv.EndRow();
        }
    }
}
